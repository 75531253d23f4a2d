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
internal sealed class ObservationBatcher(IServiceScopeFactory scopes) : IAsyncDisposable
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
        var waiting = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync())
        {
            var observations = 0;
            while (observations < MaxObservationsPerFold && queue.Reader.TryRead(out var pending))
            {
                waiting.Add(pending);
                observations += pending.Inputs.Count;
            }
            await WriteAsync(waiting);
            waiting.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> waiting)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            session.UseUnsharedConnection();
            var writer = scope.ServiceProvider.GetRequiredService<ObservationWriter>();
            waiting = await RefuseAsync(writer, waiting);
            if (waiting.Count == 0)
            {
                return;
            }
            var results = await session.InTransactionAsync(
                async token => await writer.WriteAsync([.. waiting.Select(pending => (pending.Inputs, pending.Origin))], token), CancellationToken.None);
            for (var i = 0; i < waiting.Count; i++)
            {
                waiting[i].Complete(results[i]);
            }
        }
        catch (Exception) when (waiting.Count > 1)
        {
            foreach (var pending in waiting)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception e)
        {
            waiting[0].Fail(e);
        }
    }

    /// <summary>
    /// Looks the subjects and series of every waiting batch up at once (here, not in each request, which would hold a
    /// pooled connection while it waits); a batch naming a subject that does not exist, or an external id that counts
    /// another subject's or metric's numbers, is refused alone. Answers the others.
    /// </summary>
    private static async Task<List<Pending>> RefuseAsync(ObservationWriter writer, List<Pending> waiting)
    {
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
