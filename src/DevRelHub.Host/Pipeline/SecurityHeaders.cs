namespace DevRelHub.Host.Pipeline;

/// <summary>
/// Headers every answer carries: a content security policy (our own script files and the page's import map, which
/// carries this answer's nonce; no framing by other sites), no MIME sniffing, no referrer to other origins. Styles
/// allow inline ones: MudBlazor sets positions and sizes in style attributes.
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    private const string Policy =
        "default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page runs Scalar's inline start-up script.
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>The nonce an inline script of this answer must carry to run.</summary>
    public static string Nonce(HttpContext context) => (string)context.Items[NonceKey]!;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs")
                    ? ApiReferencePolicy
                    : string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
