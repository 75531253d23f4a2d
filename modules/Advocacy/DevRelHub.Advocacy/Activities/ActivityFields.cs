using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DevRelHub.Advocacy.Contracts;

namespace DevRelHub.Advocacy.Activities;

/// <summary>
/// The fields of each kind of activity, read once from the kinds' records, so the form, the CSV import and the
/// detail page show and accept exactly what the API does.
/// </summary>
internal static class ActivityFields
{
    /// <param name="Name">The record's property, <c>AudienceSize</c>.</param>
    /// <param name="Column">Its CSV column, <c>audience_size</c>.</param>
    /// <param name="Type">The value's type, without <see cref="Nullable{T}"/>.</param>
    public sealed record Field(string Name, string Column, Type Type, bool Required)
    {
        /// <summary>"AudienceSize" reads "Audience size".</summary>
        public string Label => Words(Name);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<ActivityKind, (Type Type, IReadOnlyList<Field> Fields)> Kinds =
        typeof(ActivityDetails).GetCustomAttributes<JsonDerivedTypeAttribute>().ToDictionary(
            attribute => Enum.Parse<ActivityKind>((string)attribute.TypeDiscriminator!),
            attribute => (attribute.DerivedType, (IReadOnlyList<Field>)[.. attribute.DerivedType.GetConstructors().Single().GetParameters().Select(parameter =>
                new Field(
                    char.ToUpperInvariant(parameter.Name![0]) + parameter.Name[1..],
                    Snake(parameter.Name),
                    Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType,
                    !parameter.HasDefaultValue))]));

    public static IReadOnlyList<Field> Of(ActivityKind kind) => Kinds[kind].Fields;

    /// <summary>Every column any kind has.</summary>
    public static IEnumerable<string> AllColumns => Kinds.Values.SelectMany(kind => kind.Fields).Select(each => each.Column);

    /// <summary>The details of <paramref name="kind"/> from values by field name; values of other kinds' fields are ignored.</summary>
    public static ActivityDetails Create(ActivityKind kind, IReadOnlyDictionary<string, object?> values)
    {
        var json = new JsonObject { ["kind"] = kind.ToString() };
        foreach (var field in Of(kind))
        {
            json[JsonNamingPolicy.CamelCase.ConvertName(field.Name)] = values.GetValueOrDefault(field.Name) switch
            {
                null when field.Required && field.Type == typeof(string) => "",
                null => null,
                Enum member => member.ToString(),
                DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                var value => JsonSerializer.SerializeToNode(value, Json),
            };
        }
        return (ActivityDetails)json.Deserialize(Kinds[kind].Type, Json)!;
    }

    /// <summary>The values of a kind's fields, by field name, for a form to edit.</summary>
    public static Dictionary<string, object?> ValuesOf(ActivityDetails details) =>
        Of(details.Kind).ToDictionary(field => field.Name, field => details.GetType().GetProperty(field.Name)!.GetValue(details));

    public static string Words(string name) =>
        string.Concat(name.Select((letter, i) => i > 0 && char.IsUpper(letter) ? " " + char.ToLowerInvariant(letter) : letter.ToString()));

    private static string Snake(string name) =>
        string.Concat(name.Select((letter, i) => char.IsUpper(letter) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(letter) : letter.ToString()));
}
