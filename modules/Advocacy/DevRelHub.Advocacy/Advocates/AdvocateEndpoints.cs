using System.Security.Claims;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Identity.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Advocates;

internal static class AdvocateEndpoints
{
    public static void Map(IEndpointRouteBuilder advocacy)
    {
        var advocateOrAdmin = new[] { Roles.Advocate, Roles.Admin };
        advocacy.MapGet("/advocates", async (ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new ListAdvocates(), cancellationToken))).WithName("ListAdvocates");
        advocacy.MapGet("/advocates/{id:guid}", Get).WithName("GetAdvocate");
        advocacy.MapPost("/advocates", Create).RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("CreateAdvocate").WithSummary("Adds a member to the team (Admin).");
        advocacy.MapPut("/advocates/{id:guid}", Update).RequireAuthorization(policy => policy.RequireRole(advocateOrAdmin))
            .WithName("UpdateAdvocate").WithSummary("Changes a profile: the advocate's own, or any for Admin.");
        advocacy.MapPost("/advocates/{id:guid}/followers", RecordFollowers).RequireAuthorization(policy => policy.RequireRole(advocateOrAdmin))
            .WithName("RecordFollowers").WithSummary("Adds dated follower counts per network; a count for the same network and day is replaced.");
    }

    private static async Task<Results<Ok<AdvocateProfile>, NotFound>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        await sender.Send(new GetAdvocate(id), cancellationToken) is { } advocate ? TypedResults.Ok(advocate) : TypedResults.NotFound();

    private static async Task<Created<AdvocateSummary>> Create(CreateAdvocate request, ISender sender, CancellationToken cancellationToken)
    {
        var advocate = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/advocacy/advocates/{advocate.Id}", advocate);
    }

    private static async Task<Ok<AdvocateProfile>> Update(Guid id, ProfileInput input, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new UpdateAdvocate(id, input.DisplayName, input.Level, input.TimeZone, input.Specialties ?? [], input.Accounts ?? [], user.Editor()), cancellationToken));

    private static async Task<Ok<AdvocateProfile>> RecordFollowers(
        Guid id, IReadOnlyList<FollowerCount> counts, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RecordFollowers(id, counts, user.Editor()), cancellationToken));

    internal sealed record ProfileInput(
        string DisplayName, AdvocateLevel Level, string? TimeZone, IReadOnlyList<Specialty>? Specialties, IReadOnlyList<SocialAccount>? Accounts);
}
