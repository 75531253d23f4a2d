using System.Security.Claims;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Workflows.Runtime;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Advocacy.Contributions;

internal sealed class RecordContributionValidator : AbstractValidator<RecordContribution>
{
    public RecordContributionValidator()
    {
        RuleFor(x => x.Contribution).NotNull().ChildRules(input =>
        {
            input.RuleFor(x => x.ChampionName).NotEmpty().MaximumLength(200);
            input.RuleFor(x => x.ChampionEmail).MaximumLength(254).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.ChampionEmail));
            input.RuleFor(x => x.ChampionHandle).MaximumLength(100);
            input.RuleFor(x => x.Kind).IsInEnum();
            input.RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
            input.RuleFor(x => x.Url).WebAddress();
            input.RuleFor(x => x.ContributedOn).PlausibleDate();
            input.RuleFor(x => x.Campaign).MaximumLength(200);
        });
    }
}

internal static class ContributionStore
{
    public const string Select = """
        SELECT c.id AS Id, c.champion_id AS ChampionId, h.name AS ChampionName, c.kind AS Kind, c.title AS Title, c.url AS Url,
               c.contributed_on AS ContributedOn, c.activity_id AS ActivityId, a.title AS ActivityTitle, c.campaign AS Campaign
        FROM advocacy_contribution c
        JOIN advocacy_champion h ON h.id = c.champion_id
        LEFT JOIN advocacy_activity a ON a.id = c.activity_id
        """;
}

/// <summary>Records a community member's content; the champion is found by e-mail when one is given, else by name, or added.</summary>
internal sealed class RecordContributionHandler(DbSession session, IPublisher publisher, TimeProvider clock) : ICommandHandler<RecordContribution, ContributionRecord>
{
    private const string ChampionByEmail = "SELECT id FROM advocacy_champion WHERE email = @Email";
    private const string ChampionByName = "SELECT id FROM advocacy_champion WHERE LOWER(name) = @Name ORDER BY created_at";
    private const string ActivityExists = "SELECT COUNT(*) FROM advocacy_activity WHERE id = @Id";
    private const string InsertChampion = "INSERT INTO advocacy_champion (id, name, email, handle, created_at) VALUES (@Id, @Name, @Email, @Handle, @Now)";
    private const string Insert = """
        INSERT INTO advocacy_contribution (id, champion_id, kind, title, url, contributed_on, activity_id, campaign, recorded_by, created_at)
        VALUES (@Id, @ChampionId, @Kind, @Title, @Url, @ContributedOn, @ActivityId, @Campaign, @Actor, @Now)
        """;

    public async ValueTask<ContributionRecord> Handle(RecordContribution command, CancellationToken cancellationToken)
    {
        var input = command.Contribution;
        var db = await Sql.OfAsync(session, cancellationToken);
        if (input.ActivityId is { } activity && await db.ScalarAsync<int>(ActivityExists, new { Id = activity }) == 0)
        {
            throw new ValidationException([new ValidationFailure("Contribution.ActivityId", $"There is no activity {activity}.")]);
        }
        var now = clock.GetUtcNow();
        var email = Validation.Clean(input.ChampionEmail)?.ToLowerInvariant();
        var champion = email is null
            ? (await db.QueryAsync<Guid>(ChampionByName, new { Name = input.ChampionName.Trim().ToLowerInvariant() })).Cast<Guid?>().FirstOrDefault()
            : await db.ScalarAsync<Guid?>(ChampionByEmail, new { Email = email });
        if (champion is null)
        {
            champion = Guid.CreateVersion7(now);
            await db.ExecuteAsync(InsertChampion, new { Id = champion, Name = input.ChampionName.Trim(), Email = email, Handle = Validation.Clean(input.ChampionHandle), Now = now });
        }
        var id = Guid.CreateVersion7(now);
        await db.ExecuteAsync(Insert, new
        {
            Id = id, ChampionId = champion, Kind = input.Kind.ToString(), Title = input.Title.Trim(), Url = input.Url.Trim(), input.ContributedOn,
            input.ActivityId, Campaign = Validation.Clean(input.Campaign), command.Actor, Now = now,
        });
        var contribution = (await db.SingleOrDefaultAsync<ContributionRecord>(ContributionStore.Select + "\nWHERE c.id = @Id", new { Id = id }))!;
        await publisher.Publish(new CommunityContributionRecorded(contribution), cancellationToken);
        return contribution;
    }
}

internal sealed class ListContributionsHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<ListContributions, IReadOnlyList<ContributionRecord>>
{
    public async ValueTask<IReadOnlyList<ContributionRecord>> Handle(ListContributions query, CancellationToken cancellationToken)
    {
        var where = Filter.Where(
            (query.ChampionId is not null, "c.champion_id = @ChampionId"),
            (query.From is not null, "c.contributed_on >= @From"),
            (query.To is not null, "c.contributed_on <= @To"));
        var db = await Sql.OfAsync(session, cancellationToken);
        return await db.QueryAsync<ContributionRecord>(ContributionStore.Select + where + "\nORDER BY c.contributed_on DESC, c.id" + dialect.Paging,
            new { query.ChampionId, query.From, query.To, Offset = (query.Page - 1) * query.PageSize, Limit = query.PageSize });
    }
}

/// <summary>
/// The champions with the most contributions: one grouped count over the contributions, then each listed
/// champion's days from the (champion, date) index, grouped by quarter.
/// </summary>
internal sealed class ListChampionsHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<ListChampions, IReadOnlyList<ChampionActivity>>
{
    private const string SelectTop = """
        SELECT h.id AS Id, h.name AS Name, h.email AS Email, h.handle AS Handle, h.created_at AS CreatedAt, c.Contributions, c.Latest
        FROM (SELECT champion_id, CAST(COUNT(*) AS INT) AS Contributions, MAX(contributed_on) AS Latest FROM advocacy_contribution GROUP BY champion_id) c
        JOIN advocacy_champion h ON h.id = c.champion_id
        ORDER BY c.Contributions DESC, h.name, h.id
        """;

    private const string SelectDays = "SELECT contributed_on FROM advocacy_contribution WHERE champion_id = @Id";

    public async ValueTask<IReadOnlyList<ChampionActivity>> Handle(ListChampions query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var top = await db.QueryAsync<TopRow>(SelectTop + dialect.Paging, new { Offset = 0, Limit = Math.Clamp(query.Top, 1, 500) });
        var champions = new List<ChampionActivity>(top.Count);
        foreach (var row in top)
        {
            var days = await db.QueryAsync<DateOnly>(SelectDays, new { row.Id });
            champions.Add(new ChampionActivity(
                new Champion(row.Id, row.Name, row.Email, row.Handle, row.CreatedAt), row.Contributions, row.Latest,
                [.. days.GroupBy(Quarter.Containing).OrderBy(group => group.Key).Select(group => new QuarterCount(group.Key.ToString(), group.Count()))]));
        }
        return champions;
    }

    private sealed record TopRow(Guid Id, string Name, string? Email, string? Handle, DateTimeOffset CreatedAt, int Contributions, DateOnly Latest);
}

internal static class ContributionEndpoints
{
    public static void Map(IEndpointRouteBuilder advocacy)
    {
        advocacy.MapGet("/contributions", async (ISender sender, CancellationToken cancellationToken, Guid? championId = null, DateOnly? from = null, DateOnly? to = null,
            int page = 1, int pageSize = 100) =>
            TypedResults.Ok(await sender.Send(new ListContributions(championId, from, to, page, pageSize), cancellationToken))).WithName("ListContributions");
        advocacy.MapPost("/contributions", Record).RequireAuthorization(policy => policy.RequireRole(Roles.Advocate, Roles.Admin))
            .WithName("RecordContribution").WithSummary("Records content a community member made, and what inspired it.");
        advocacy.MapGet("/champions", async (ISender sender, CancellationToken cancellationToken, int top = 50) =>
            TypedResults.Ok(await sender.Send(new ListChampions(top), cancellationToken))).WithName("ListChampions");
    }

    private static async Task<Created<ContributionRecord>> Record(ContributionInput contribution, ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new RecordContribution(contribution, user.Editor().Email), cancellationToken);
        return TypedResults.Created($"/api/advocacy/contributions/{created.Id}", created);
    }
}
