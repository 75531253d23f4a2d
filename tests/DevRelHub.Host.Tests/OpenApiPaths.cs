using System.Text.RegularExpressions;

namespace DevRelHub.Host.Tests;

/// <summary>An OpenAPI path template with made-up values a request can be sent to: a quarter, a year, a KPI, a GUID…</summary>
internal static partial class OpenApiPaths
{
    public static string Fill(string template) => Parameter().Replace(template, match => match.Groups[1].Value switch
    {
        "quarter" when template.Contains("/q{quarter}", StringComparison.Ordinal) => "3",
        "quarter" => "2026-Q3",
        "year" => "2026",
        "kpi" => "Awareness",
        "version" => "1",
        "key" or "token" => "unknown",
        _ => Guid.NewGuid().ToString(),
    });

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Parameter();
}
