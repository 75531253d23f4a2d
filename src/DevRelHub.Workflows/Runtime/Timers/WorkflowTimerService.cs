using Dapper;
using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevRelHub.Workflows.Runtime.Timers;

/// <summary>
/// Fires due timers. Each pass leases a batch of due bookmarks to this host (rows other hosts are leasing
/// are skipped) and resumes them; the resume consumes the bookmark, so a timer fires once even if its lease
/// runs out and another host claims it too. A host that dies leaves leases that expire; a host that stops
/// hands back what it had not fired yet.
/// </summary>
internal sealed partial class WorkflowTimerService(
    ISqlDialect dialect, WriteGate gate, WorkflowRuntime runtime, TimeProvider clock,
    WorkflowEngineOptions options, ILogger<WorkflowTimerService> logger) : BackgroundService
{
    private const string Release = "UPDATE workflow_bookmark SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @Owner";

    private readonly string claim = dialect.ClaimRows("workflow_bookmark", "due_at <= @Now", "due_at");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var fired = await FireDueAsync(stoppingToken);
                if (fired < options.TimerBatchSize)
                {
                    await Task.Delay(options.TimerPollInterval, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync();
        }
    }

    /// <summary>Claims and fires one batch of due timers; answers how many it claimed.</summary>
    private async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> claimed;
        try
        {
            claimed = await ClaimAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogClaimFailed(e);
            return 0;
        }
        foreach (var bookmark in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await runtime.ResumeAsync(bookmark, Stimulus.Timer, cancellationToken);
            }
            catch (ConflictException e)
            {
                LogAlreadyFired(bookmark, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFireFailed(e, bookmark);
            }
        }
        return claimed.Count;
    }

    private async Task<IReadOnlyList<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await gate.WriteOneAsync(async (connection, transaction, token) => (IReadOnlyList<Guid>)[.. await connection.QueryAsync<Guid>(new CommandDefinition(claim,
            new { Owner = options.HostId, Now = now, LeaseUntil = now + options.TimerLease, Batch = options.TimerBatchSize }, transaction,
            cancellationToken: token))], cancellationToken);
    }

    private async Task ReleaseAsync()
    {
        try
        {
            await gate.WriteOneAsync((connection, transaction, _) => connection.ExecuteAsync(Release, new { Owner = options.HostId }, transaction), CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogReleaseFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim due workflow timers; trying again on the next pass.")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Bookmark} was fired elsewhere: {Reason}")]
    private partial void LogAlreadyFired(Guid bookmark, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Bookmark} could not fire; it fires again when its lease runs out.")]
    private partial void LogFireFailed(Exception exception, Guid bookmark);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand back this host's timer leases; they expire on their own.")]
    private partial void LogReleaseFailed(Exception exception);
}
