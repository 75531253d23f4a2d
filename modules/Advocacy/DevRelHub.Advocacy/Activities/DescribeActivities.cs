using DevRelHub.Advocacy.Advocates;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Workflows.Runtime;
using Mediator;

namespace DevRelHub.Advocacy.Activities;

/// <summary>Activities and their tags by primary key, a few hundred ids per command.</summary>
internal sealed class DescribeActivitiesHandler(DbSession session) : IQueryHandler<DescribeActivities, IReadOnlyList<ActivityFacts>>
{
    public async ValueTask<IReadOnlyList<ActivityFacts>> Handle(DescribeActivities query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var facts = new List<ActivityFacts>(query.Ids.Count);
        foreach (var (list, parameters) in IdLists.Chunks(query.Ids))
        {
            await using var results = await db.QueryMultipleAsync($"""
                SELECT a.id AS Id, a.advocate_id AS AdvocateId, v.display_name AS AdvocateName, a.kind AS Kind, a.title AS Title,
                       a.occurred_on AS OccurredOn, v.specialties AS Specialties
                FROM advocacy_activity a JOIN advocacy_advocate v ON v.id = a.advocate_id
                WHERE a.id IN {list};
                SELECT activity_id, tag FROM advocacy_activity_tag WHERE activity_id IN {list}
                """, parameters);
            var rows = await results.ReadAsync<FactsRow>();
            var tags = (await results.ReadAsync<(Guid ActivityId, string Tag)>()).ToLookup(tag => tag.ActivityId, tag => tag.Tag);
            facts.AddRange(rows.Select(row => new ActivityFacts(row.Id, row.AdvocateId, row.AdvocateName, Enum.Parse<ActivityKind>(row.Kind), row.Title, row.OccurredOn,
                [.. tags[row.Id].Order(StringComparer.Ordinal)], AdvocateStore.ParseSpecialties(row.Specialties))));
        }
        return facts;
    }

    private sealed record FactsRow(Guid Id, Guid AdvocateId, string AdvocateName, string Kind, string Title, DateOnly OccurredOn, string? Specialties);
}

/// <summary>Looks the ids up in the three tables by primary key, a few hundred ids per statement.</summary>
internal sealed class FindRecordsHandler(DbSession session) : IQueryHandler<FindRecords, IReadOnlyDictionary<Guid, RecordKind>>
{
    public async ValueTask<IReadOnlyDictionary<Guid, RecordKind>> Handle(FindRecords query, CancellationToken cancellationToken)
    {
        var db = await Sql.OfAsync(session, cancellationToken);
        var found = new Dictionary<Guid, RecordKind>();
        foreach (var (list, parameters) in IdLists.Chunks(query.Ids))
        {
            var rows = await db.QueryAsync<(Guid Id, string Kind)>($"""
                SELECT id, 'Activity' FROM advocacy_activity WHERE id IN {list}
                UNION ALL SELECT id, 'Contribution' FROM advocacy_contribution WHERE id IN {list}
                UNION ALL SELECT id, 'Advocate' FROM advocacy_advocate WHERE id IN {list}
                """, parameters);
            foreach (var (id, kind) in rows)
            {
                found[id] = Enum.Parse<RecordKind>(kind);
            }
        }
        return found;
    }
}
