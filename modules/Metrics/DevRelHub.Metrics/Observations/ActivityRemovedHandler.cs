using Dapper;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Metrics.Observations;

/// <summary>
/// An activity removed in Advocacy takes its numbers with it, in the same transaction as the removal: otherwise the
/// team's awareness would count eyeballs of an activity no one can see or drill down to.
/// </summary>
internal sealed class ActivityRemovedHandler(DbSession session) : INotificationHandler<ActivityRemoved>
{
    private const string OfSubject = "SELECT id FROM metrics_series WHERE subject_id = @Id";

    private static readonly string[] Deletes =
    [
        $"DELETE FROM metrics_observation_correction WHERE series_id IN ({OfSubject})",
        $"DELETE FROM metrics_observation WHERE series_id IN ({OfSubject})",
        $"""
        UPDATE metrics_monthly_total SET total = total - d.amount
        FROM (SELECT month, subject_kind, metric, SUM(increments + running) AS amount FROM metrics_monthly WHERE series_id IN ({OfSubject})
              GROUP BY month, subject_kind, metric) d
        WHERE metrics_monthly_total.month = d.month AND metrics_monthly_total.subject_kind = d.subject_kind AND metrics_monthly_total.metric = d.metric
        """,
        $"DELETE FROM metrics_monthly WHERE series_id IN ({OfSubject})",
        "DELETE FROM metrics_series WHERE subject_id = @Id",
    ];

    public async ValueTask Handle(ActivityRemoved notification, CancellationToken cancellationToken)
    {
        var db = await session.ConnectionAsync(cancellationToken);
        foreach (var sql in Deletes)
        {
            await db.ExecuteAsync(session.Command(sql, new { Id = notification.ActivityId }, cancellationToken));
        }
    }
}
