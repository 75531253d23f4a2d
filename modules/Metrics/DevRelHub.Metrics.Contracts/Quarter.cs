using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DevRelHub.Metrics.Contracts;

/// <summary>A calendar quarter, written <c>2026-Q3</c> (also in JSON).</summary>
[JsonConverter(typeof(QuarterJsonConverter))]
[System.ComponentModel.Description("Write a quarter as its year, a hyphen, Q and its number: 2026-Q3.")]
public readonly record struct Quarter(int Year, int Number) : IParsable<Quarter>, IComparable<Quarter>
{
    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public Quarter Next => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    public Quarter YearBefore => new(Year - 1, Number);

    public static Quarter Containing(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>The quarter the clock is in, in UTC.</summary>
    public static Quarter Current(TimeProvider clock) => Containing(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}");

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public static Quarter Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var quarter)
            ? quarter
            : throw new FormatException($"'{s}' is not a quarter; write it as 2026-Q3.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Quarter result)
    {
        result = default;
        if (s is not { Length: 7 } || s[4] != '-' || char.ToUpperInvariant(s[5]) != 'Q'
            || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < 1900 || s[6] is < '1' or > '4')
        {
            return false;
        }
        result = new Quarter(year, s[6] - '0');
        return true;
    }
}

/// <summary>Reads and writes a <see cref="Quarter"/> as its text, <c>"2026-Q3"</c>.</summary>
public sealed class QuarterJsonConverter : JsonConverter<Quarter>
{
    public override Quarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Quarter.TryParse(reader.GetString(), null, out var quarter) ? quarter : throw new JsonException("A quarter is written as 2026-Q3.");

    public override void Write(Utf8JsonWriter writer, Quarter value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
