using FluentValidation;

namespace DevRelHub.Advocacy;

internal static class Validation
{
    /// <summary>Null, or an absolute http(s) address of at most 2,048 characters.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalWebAddress<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(2048)
            .Must(url => string.IsNullOrWhiteSpace(url) || IsWebAddress(url))
            .WithMessage("'{PropertyName}' must be an absolute http or https address.");

    /// <summary>An absolute http(s) address of at most 2,048 characters.</summary>
    public static IRuleBuilderOptions<T, string> WebAddress<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(2048)
            .Must(IsWebAddress)
            .WithMessage("'{PropertyName}' must be an absolute http or https address.");

    public static IRuleBuilderOptions<T, string?> TimeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(zone => string.IsNullOrWhiteSpace(zone) || TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            .WithMessage("'{PropertyName}' must be an IANA time zone such as Europe/Berlin.");

    public static IRuleBuilderOptions<T, DateOnly> PlausibleDate<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)).WithMessage("'{PropertyName}' must be a date from 2000 to 2100.");

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
