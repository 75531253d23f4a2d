using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Metrics.Targets;
using Mediator;

namespace DevRelHub.Metrics.Quarters.Breakdowns;

/// <summary>The groups an activity's awareness counts under in each breakdown.</summary>
internal static class Groups
{
    public const string None = "";

    public static IEnumerable<(string Key, string Label)> Of(BreakdownBy by, ActivityFacts facts, string source) => by switch
    {
        BreakdownBy.Advocate => [(facts.AdvocateId.ToString(), facts.AdvocateName)],
        BreakdownBy.Kind => [(facts.Kind.ToString(), facts.Kind.ToString())],
        BreakdownBy.Channel => [(source, source)],
        BreakdownBy.Tag => facts.Tags.Count == 0 ? [(None, "Untagged")] : facts.Tags.Select(tag => (tag, tag)),
        _ => facts.Specialties.Count == 0 ? [(None, "No specialty")] : facts.Specialties.Select(specialty => (specialty.ToString(), specialty.ToString())),
    };

    /// <summary>Per group key: its label, the awareness counted under it and the activities it came from.</summary>
    public static Dictionary<string, Group> Of(BreakdownBy by, IReadOnlyList<SubjectAwareness> rows, IReadOnlyDictionary<Guid, ActivityFacts> facts)
    {
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        foreach (var row in rows.Where(row => facts.ContainsKey(row.ActivityId)))
        {
            foreach (var (key, label) in Of(by, facts[row.ActivityId], row.Source))
            {
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = new Group(label);
                }
                group.Awareness += row.Awareness;
                group.Activities.Add(row.ActivityId);
            }
        }
        return groups;
    }

    internal sealed class Group(string label)
    {
        public string Label { get; } = label;

        public long Awareness { get; set; }

        public HashSet<Guid> Activities { get; } = [];
    }
}

/// <summary>Three quarters of per-activity figures from the rollup, grouped in memory with what Advocacy says of each activity.</summary>
internal sealed class GetBreakdownHandler(DbSession session, MonthlyRollup rollup, ISender sender) : IQueryHandler<GetBreakdown, Breakdown>
{
    public async ValueTask<Breakdown> Handle(GetBreakdown query, CancellationToken cancellationToken)
    {
        var (quarter, by) = (query.Quarter, query.By);
        var quarters = new[] { quarter, quarter.Previous, quarter.YearBefore };
        var perQuarter = new List<IReadOnlyList<SubjectAwareness>>();
        foreach (var each in quarters)
        {
            perQuarter.Add(await rollup.BySubjectAsync(each, cancellationToken));
        }
        // One look-up of the activities for all three quarters: most of them generate awareness in each.
        var facts = await rollup.FactsAsync(perQuarter.SelectMany(rows => rows.Select(row => row.ActivityId)), cancellationToken);
        var (current, previous, yearBefore) = (Groups.Of(by, perQuarter[0], facts), Groups.Of(by, perQuarter[1], facts), Groups.Of(by, perQuarter[2], facts));
        var labels = current.ToDictionary(group => group.Key, group => group.Value.Label, StringComparer.Ordinal);
        var involvement = new Dictionary<string, Involvement>(StringComparer.Ordinal);
        IReadOnlyList<TargetRecord> targets = [];
        if (by == BreakdownBy.Advocate)
        {
            foreach (var advocate in await sender.Send(new ListAdvocates(), cancellationToken))
            {
                labels.TryAdd(advocate.Id.ToString(), advocate.DisplayName);
            }
            foreach (var counts in await sender.Send(new CountInvolvementByAdvocate(quarter.FirstDay, quarter.LastDay), cancellationToken))
            {
                involvement[counts.AdvocateId.ToString()] = new Involvement(counts.CommunityContributions, counts.InvitationsReceived, counts.OpenSourceContributions);
            }
            targets = await TargetStore.ListAsync(session, quarter, cancellationToken);
        }
        static long Awareness(Dictionary<string, Groups.Group> groups, string key) =>
            groups.TryGetValue(key, out var group) ? group.Awareness : 0;

        var rows = labels.Select(label =>
        {
            var awareness = Awareness(current, label.Key);
            var row = new BreakdownRow(label.Key, label.Value, awareness, current.TryGetValue(label.Key, out var group) ? group.Activities.Count : 0,
                new KpiDelta(Awareness(previous, label.Key), Awareness(yearBefore, label.Key), awareness));
            if (by != BreakdownBy.Advocate)
            {
                return row;
            }
            var advocateId = Guid.Parse(label.Key);
            var theirs = involvement.GetValueOrDefault(label.Key) ?? new Involvement(0, 0, 0);
            return row with
            {
                Involvement = theirs,
                AwarenessTarget = TargetStore.Against(targets, KpiName.Awareness, advocateId, awareness),
                InvolvementTarget = TargetStore.Against(targets, KpiName.Involvement, advocateId, theirs.Total),
            };
        });
        return new Breakdown(quarter, by, [.. rows.OrderByDescending(row => row.Awareness).ThenBy(row => row.Label, StringComparer.Ordinal)]);
    }
}

/// <summary>The activities behind a figure: the quarter's per-activity rollup, kept to one group and largest first.</summary>
internal sealed class ListActivityAwarenessHandler(MonthlyRollup rollup) : IQueryHandler<ListActivityAwareness, IReadOnlyList<ActivityAwareness>>
{
    public async ValueTask<IReadOnlyList<ActivityAwareness>> Handle(ListActivityAwareness query, CancellationToken cancellationToken)
    {
        var rows = await rollup.BySubjectAsync(query.Quarter, cancellationToken);
        var facts = await rollup.FactsAsync(rows.Select(row => row.ActivityId), cancellationToken);
        return
        [
            .. rows.Where(row => facts.ContainsKey(row.ActivityId)
                    && (query.By is not { } by || Groups.Of(by, facts[row.ActivityId], row.Source).Any(group => group.Key == (query.Key ?? Groups.None))))
                .GroupBy(row => row.ActivityId, (id, parts) => MonthlyRollup.Describe(facts[id], parts.Sum(part => part.Awareness)))
                .OrderByDescending(activity => activity.Awareness).ThenBy(activity => activity.Title, StringComparer.Ordinal)
                .Take(Math.Clamp(query.Top, 1, 5_000)),
        ];
    }
}
