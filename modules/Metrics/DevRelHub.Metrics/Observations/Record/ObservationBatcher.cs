using System.Threading.Channels;
using DevRelHub.Data;
using DevRelHub.Metrics.Contracts;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Metrics.Observations.Record;

/// <summary>
/// Writes the observation batches that arrive while one is being written together, in the next transaction. A batch's
/// cost is mostly its transaction and its fixed set of statements, not its rows, and batches take turns anyway (one
/// writer on SQLite, a lock elsewhere): fifty clients sending ten observations each used to queue for a second behind
/// one another (the load harness); folded, the queue is one write long. The write applies the batches in the order
/// they came, a key one repeats from an earlier one correcting that one's value (a write per run of batches without a
/// shared key took six writes a fold on PostgreSQL, 85 ms). A batch naming a subject that does not exist (or a series
/// that is another's) is refused alone; should the folded transaction fail, each batch is written alone, so one
/// batch's failure is never another's.
/// </summary>
internal sealed class ObservationBatcher(IServiceScopeFactory scopes, ISqlDialect dialect) : IAsyncDisposable
{
    private const int MaxObservationsPerFold = RecordObservations.MaxBatch;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startLock = new();
    private Task? loop;

    public async Task<ObservationBatchResult> WriteAsync(IReadOnlyList<ObservationInput> inputs, string origin, CancellationToken cancellationToken)
    {
        if (loop is null)
        {
            lock (startLock)
            {
                loop ??= Task.Run(RunAsync, CancellationToken.None);
            }
        }
        var pending = new Pending(inputs, origin);
        await queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Result.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (loop is not null)
        {
            await loop;
        }
    }

    private async Task RunAsync()
    {
        // On a server the batches waiting are looked up while the fold before them is written, and so are those that
        // arrive meanwhile: the look-up's round trip is off the folds' turn, which every batch waits for. SQLite has no
        // round trip to hide, only work on the same cores: looked up alongside the write there, batches' p95 rose from
        // 72 and 66 to 88 and 83 ms in alternating runs of the load harness.
        var overlapped = dialect.Provider != DatabaseProvider.Sqlite;
        var writing = Task.CompletedTask;
        while (await queue.Reader.WaitToReadAsync())
        {
            if (!overlapped)
            {
                await writing;
            }
            var accepted = new List<Pending>();
            var observations = 0;
            do
            {
                var waiting = new List<Pending>();
                while (observations < MaxObservationsPerFold && queue.Reader.TryRead(out var pending))
                {
                    waiting.Add(pending);
                    observations += pending.Inputs.Count;
                }
                accepted.AddRange(await RefuseAsync(waiting));
            }
            while (!writing.IsCompleted && observations < MaxObservationsPerFold && queue.Reader.TryPeek(out _));
            await writing;
            if (accepted.Count > 0)
            {
                writing = WriteAsync(accepted);
            }
        }
        await writing;
    }

    /// <summary>Writes accepted batches as one; should that fail, each alone, so one batch's failure is never another's.</summary>
    private async Task WriteAsync(List<Pending> accepted)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            session.UseUnsharedConnection();
            var writer = scope.ServiceProvider.GetRequiredService<ObservationWriter>();
            var results = await session.InTransactionAsync(
                async token => await writer.WriteAsync([.. accepted.Select(pending => (pending.Inputs, pending.Origin))], token), commitWithLastCommand: true,
                CancellationToken.None);
            for (var i = 0; i < accepted.Count; i++)
            {
                accepted[i].Complete(results[i]);
            }
        }
        catch (Exception) when (accepted.Count > 1)
        {
            foreach (var pending in accepted)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception e)
        {
            accepted[0].Fail(e);
        }
    }

    /// <summary>
    /// Looks the subjects and series of every waiting batch up at once (here, not in each request, which would hold a
    /// pooled connection while it waits); a batch naming a subject that does not exist, or an external id that counts
    /// another subject's or metric's numbers, is refused alone. Answers the others. A series the fold being written
    /// meanwhile stores is not seen: its subject is looked up, and the write checks the series again behind its lock.
    /// </summary>
    private async Task<List<Pending>> RefuseAsync(List<Pending> waiting)
    {
        if (waiting.Count == 0)
        {
            return waiting;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<DbSession>().UseUnsharedConnection();
            var writer = scope.ServiceProvider.GetRequiredService<ObservationWriter>();
            var refusals = (await writer.RefusalsAsync([.. waiting.SelectMany(pending => pending.Inputs)], CancellationToken.None)).ToLookup(refusal => refusal.Index);
            if (refusals.Count == 0)
            {
                return waiting;
            }
            var accepted = new List<Pending>(waiting.Count);
            var offset = 0;
            foreach (var pending in waiting)
            {
                var failures = Enumerable.Range(0, pending.Inputs.Count).SelectMany(i => refusals[offset + i]
                    .Select(refusal => new ValidationFailure($"Observations[{i}].{refusal.Field}", refusal.Reason)))
                    .ToList();
                offset += pending.Inputs.Count;
                if (failures.Count > 0)
                {
                    pending.Fail(new ValidationException(failures));
                }
                else
                {
                    accepted.Add(pending);
                }
            }
            return accepted;
        }
        catch (Exception) when (waiting.Count > 1)
        {
            var accepted = new List<Pending>(waiting.Count);
            foreach (var pending in waiting)
            {
                accepted.AddRange(await RefuseAsync([pending]));
            }
            return accepted;
        }
        catch (Exception e)
        {
            waiting[0].Fail(e);
            return [];
        }
    }

    private sealed class Pending(IReadOnlyList<ObservationInput> inputs, string origin)
    {
        private readonly TaskCompletionSource<ObservationBatchResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<ObservationInput> Inputs { get; } = inputs;

        public string Origin { get; } = origin;

        public Task<ObservationBatchResult> Result => completion.Task;

        public void Complete(ObservationBatchResult result) => completion.TrySetResult(result);

        public void Fail(Exception exception) => completion.TrySetException(exception);
    }
}
