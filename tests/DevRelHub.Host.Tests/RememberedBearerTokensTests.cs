using System.Security.Claims;
using DevRelHub.Identity.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace DevRelHub.Host.Tests;

public sealed class RememberedBearerTokensTests
{
    private readonly Opener opener = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_token_sent_again_is_opened_once_and_each_request_gets_a_ticket_of_its_own()
    {
        using var tokens = new RememberedBearerTokens(opener, clock);

        var first = tokens.Unprotect(Opener.Valid)!;
        first.Principal.Identities.Single().AddClaim(new Claim(ClaimTypes.Role, "Admin"));
        var second = tokens.Unprotect(Opener.Valid)!;
        var third = tokens.Unprotect(Opener.Valid)!;

        Assert.Equal(1, opener.Opened);
        Assert.NotSame(second, third);
        Assert.Equal(["ada@devrelhub.test"], second.Principal.Claims.Select(claim => claim.Value));
        Assert.Equal(first.Properties.ExpiresUtc, third.Properties.ExpiresUtc);
    }

    [Fact]
    public void A_token_that_does_not_open_is_never_remembered()
    {
        using var tokens = new RememberedBearerTokens(opener, clock);

        Assert.Null(tokens.Unprotect("forged"));
        Assert.Null(tokens.Unprotect("forged"));

        Assert.Equal(2, opener.Opened);
    }

    [Fact]
    public void A_remembered_token_is_opened_again_once_the_remembering_is_over()
    {
        using var tokens = new RememberedBearerTokens(opener, clock);
        tokens.Unprotect(Opener.Valid);

        clock.Advance(RememberedBearerTokens.Remembered - TimeSpan.FromSeconds(1));
        tokens.Unprotect(Opener.Valid);
        clock.Advance(TimeSpan.FromSeconds(2));
        tokens.Unprotect(Opener.Valid);

        Assert.Equal(2, opener.Opened);
    }

    [Fact]
    public void Tokens_protected_for_a_purpose_are_opened_every_time()
    {
        using var tokens = new RememberedBearerTokens(opener, clock);

        tokens.Unprotect(Opener.Valid, "refresh");
        tokens.Unprotect(Opener.Valid, "refresh");

        Assert.Equal(2, opener.Opened);
    }

    /// <summary>Opens one token, counting how often it is asked to.</summary>
    private sealed class Opener : ISecureDataFormat<AuthenticationTicket>
    {
        public const string Valid = "valid";

        public int Opened { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Opened++;
            return protectedText == Valid
                ? new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Email, "ada@devrelhub.test")], "BearerToken")),
                    new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero) }, "BearerToken")
                : null;
        }
    }
}
