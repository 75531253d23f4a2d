using System.Data.Common;
using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevRelHub.Workflows.Outbox;

/// <summary>
/// Sends what the outbox holds. Each pass leases a batch of unsent mail to this host (rows another host is
/// leasing are skipped), sends each and marks it sent. A failed send counts an attempt, keeps the error and
/// waits out its lease before the next try, up to <see cref="OutboxOptions.MaxAttempts"/>. A host that dies
/// between sending and marking sends that one mail again when the lease expires; its Message-Id is the row's
/// id, so the receiving side sees the same message.
/// </summary>
internal sealed partial class OutboxDeliveryService(
    ISqlDialect dialect, WriteGate gate, IDbConnectionFactory connections, IMailSender sender, TimeProvider clock,
    WorkflowEngineOptions options, ILogger<OutboxDeliveryService> logger) : BackgroundService
{
    private const string MarkSent = """
        UPDATE workflow_outbox SET sent_at = @Now, attempts = attempts + 1, last_error = NULL, lease_owner = NULL, lease_until = NULL
        WHERE id = @Id AND lease_owner = @Owner
        """;

    private const string MarkFailed = """
        UPDATE workflow_outbox SET attempts = attempts + 1, last_error = @Error WHERE id = @Id AND lease_owner = @Owner
        """;

    private readonly string claim = dialect.ClaimRows("workflow_outbox", "sent_at IS NULL AND attempts < @MaxAttempts", "created_at");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await DeliverBatchAsync(stoppingToken) < options.Outbox.BatchSize)
                {
                    await Task.Delay(options.Outbox.PollInterval, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Mail> mails;
        try
        {
            mails = await ClaimAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogClaimFailed(e);
            return 0;
        }
        foreach (var mail in mails)
        {
            string? error = null;
            try
            {
                var email = new OutgoingEmail(mail.ToAddress, mail.Subject, mail.Body, OutboxAttachments.Read(mail.Attachments));
                await sender.SendAsync(MailMessages.Build(mail.Id, options.Outbox.From, email), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSendFailed(e, mail.Id);
                error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            }
            try
            {
                await gate.WriteOneAsync((connection, transaction, token) => connection.ExecuteAsync(new CommandDefinition(error is null ? MarkSent : MarkFailed,
                    new { mail.Id, Owner = options.HostId, Now = clock.GetUtcNow(), Error = error }, transaction, cancellationToken: token)), CancellationToken.None);
            }
            catch (DbException e)
            {
                LogMarkFailed(e, mail.Id);
                return 0;
            }
        }
        return mails.Count;
    }

    private async Task<IReadOnlyList<Mail>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await gate.WriteOneAsync(async (connection, transaction, token) => (IReadOnlyList<Guid>)[.. await connection.QueryAsync<Guid>(new CommandDefinition(claim,
            new { Owner = options.HostId, Now = now, LeaseUntil = now + options.Outbox.Lease, Batch = options.Outbox.BatchSize, options.Outbox.MaxAttempts },
            transaction, cancellationToken: token))], cancellationToken);
        var mails = new List<Mail>(claimed.Count);
        await using var connection = connections.Create();
        foreach (var (list, parameters) in IdLists.Chunks(claimed))
        {
            parameters.Add("Owner", options.HostId);
            // The mail the claim answered, by primary key: looked up by lease owner, each pass read the whole backlog.
            mails.AddRange(await connection.QueryAsync<Mail>(new CommandDefinition($"""
                SELECT id AS Id, to_address AS ToAddress, subject AS Subject, body AS Body, attachments AS Attachments
                FROM workflow_outbox WHERE id IN {list} AND lease_owner = @Owner AND sent_at IS NULL ORDER BY created_at
                """, parameters, cancellationToken: cancellationToken)));
        }
        return mails;
    }

    private sealed record Mail(Guid Id, string ToAddress, string Subject, string Body, string? Attachments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim outbox mail; trying again on the next pass.")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "What became of mail {Mail} could not be recorded (the database is not answering); it is tried again, with the same Message-Id, when its lease runs out.")]
    private partial void LogMarkFailed(Exception exception, Guid mail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Mail} could not be sent; it is tried again when its lease runs out.")]
    private partial void LogSendFailed(Exception exception, Guid mail);
}
