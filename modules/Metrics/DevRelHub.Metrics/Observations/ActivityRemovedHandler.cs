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
    private static readonly string[] Deletes =
    [
        """
        DELETE FROM metrics_observation_correction WHERE EXISTS (SELECT 1 FROM metrics_observation o
            WHERE o.subject_id = @Id AND o.source = metrics_observation_correction.source AND o.external_id = metrics_observation_correction.external_id
              AND o.observed_on = metrics_observation_correction.observed_on)
        """,
        "DELETE FROM metrics_observation WHERE subject_id = @Id",
        """
        UPDATE metrics_monthly_total SET total = total - d.amount
        FROM (SELECT month, subject_kind, metric, SUM(increments + running) AS amount FROM metrics_monthly WHERE subject_id = @Id
              GROUP BY month, subject_kind, metric) d
        WHERE metrics_monthly_total.month = d.month AND metrics_monthly_total.subject_kind = d.subject_kind AND metrics_monthly_total.metric = d.metric
        """,
        "DELETE FROM metrics_monthly WHERE subject_id = @Id",
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
