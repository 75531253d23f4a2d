using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;

namespace DevRelHub.Workflows.Outbox;

/// <summary>
/// Queues mail that no workflow step sends (an interview invitation) in the outbox, inside the caller's
/// command transaction: it goes out once that command is stored, and never if it is not.
/// </summary>
public sealed class EmailOutbox(DbSession session, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO workflow_outbox (id, instance_id, node_id, to_address, subject, body, attachments, created_at, attempts)
        VALUES (@Id, @InstanceId, NULL, @To, @Subject, @Body, @Attachments, @CreatedAt, 0)
        """;

    /// <param name="instanceId">The instance the mail belongs to, so that erasing the instance's personal data reaches it too.</param>
    public async Task EnqueueAsync(OutgoingEmail email, Guid? instanceId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var connection = await session.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(session.Command(Insert, new
        {
            Id = Guid.CreateVersion7(now),
            InstanceId = instanceId,
            email.To,
            email.Subject,
            email.Body,
            Attachments = OutboxAttachments.Write(email.Attachments),
            CreatedAt = now,
        }, cancellationToken));
    }
}
