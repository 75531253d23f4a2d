using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace DevRelHub.Identity.SignIn;

/// <summary>
/// Reads a bearer token once and remembers its ticket for a few minutes: a client sends the same token with every
/// request, and opening it (its keys derived, decrypted and its signature checked, then the ticket deserialised) was
/// the largest single piece of a small API request's work in the load harness's profile (libcrypto alone 2.5 % of both
/// cores). Each request gets a copy of the ticket, so nothing one request does to its user reaches another; the
/// handler still checks the expiry the ticket carries on every request. A token whose key is revoked is honoured for
/// at most <see cref="Remembered"/> longer. At most <see cref="Tokens"/> tokens are remembered.
/// </summary>
internal sealed class RememberedBearerTokens(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    internal const int Tokens = 1_000;

    internal static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);

    private readonly MemoryCache tickets = new(new MemoryCacheOptions { SizeLimit = Tokens, Clock = new SystemClockOf(clock) });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        if (tickets.TryGetValue(protectedText, out AuthenticationTicket? remembered) && remembered is not null)
        {
            return remembered.Clone();
        }
        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            tickets.Set(protectedText, ticket.Clone(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remembered });
        }
        return ticket;
    }

    public void Dispose() => tickets.Dispose();

    private sealed class SystemClockOf(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
