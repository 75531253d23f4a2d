using FluentValidation;

namespace DevRelHub.Advocacy;

/// <summary>A form's validation messages by field: <c>Event.CfpClosesAt</c> shows on the field <c>CfpClosesAt</c>.</summary>
internal sealed class FieldErrors
{
    private Dictionary<string, string> errors = [];

    public bool Has(string field) => errors.ContainsKey(field);

    public string? For(string field) => errors.GetValueOrDefault(field);

    public void Show(ValidationException exception) =>
        errors = exception.Errors.GroupBy(error => error.PropertyName.Split('.')[^1]).ToDictionary(group => group.Key, group => group.First().ErrorMessage);

    public void Clear() => errors = [];
}
