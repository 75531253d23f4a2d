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
/// batch's failure is never another's. The next fold's look-up (its subjects and series, outside the write's turn) runs
/// while a fold is written, so the batches of a fold wait for one write before theirs, not a look-up and a write.
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
        // The fold being written while the next one's subjects and series are looked up.
        var writing = Task.CompletedTask;
        while (await queue.Reader.WaitToReadAsync())
        {
            var waiting = new List<Pending>();
            var observations = 0;
            while (observations < MaxObservationsPerFold && queue.Reader.TryRead(out var pending))
            {
                waiting.Add(pending);
                observations += pending.Inputs.Count;
            }
            var fold = await LookUpAsync(waiting);
            await writing;
            writing = WriteAsync(fold);
        }
        await writing;
    }

    /// <summary>
    /// The fold's scope and the batches that stored data does not refuse (<see cref="RefuseAsync"/>). Should the look-up
    /// fail, a lone batch fails with it; several are then written one by one.
    /// </summary>
    private async Task<Fold> LookUpAsync(List<Pending> waiting)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            return new Fold(scope, await RefuseAsync(scope.ServiceProvider.GetRequiredService<ObservationWriter>(), waiting), OneByOne: false);
        }
        catch (Exception) when (waiting.Count > 1)
        {
            return new Fold(scope, waiting, OneByOne: true);
        }
        catch (Exception e)
        {
            waiting[0].Fail(e);
            return new Fold(scope, [], OneByOne: false);
        }
    }

    private async Task WriteAsync(Fold fold)
    {
        var oneByOne = fold.OneByOne;
        await using (fold.Scope)
        {
            if (!oneByOne && fold.Batches.Count > 0)
            {
                try
                {
                    var session = fold.Scope.ServiceProvider.GetRequiredService<DbSession>();
                    var writer = fold.Scope.ServiceProvider.GetRequiredService<ObservationWriter>();
                    var results = await session.InTransactionAsync(
                        async token => await writer.WriteAsync([.. fold.Batches.Select(pending => (pending.Inputs, pending.Origin))], token), CancellationToken.None);
                    for (var i = 0; i < fold.Batches.Count; i++)
                    {
                        fold.Batches[i].Complete(results[i]);
                    }
                }
                catch (Exception) when (fold.Batches.Count > 1)
                {
                    oneByOne = true;
                }
                catch (Exception e)
                {
                    fold.Batches[0].Fail(e);
                }
            }
        }
        if (oneByOne)
        {
            foreach (var pending in fold.Batches)
            {
                await WriteAsync(await LookUpAsync([pending]));
            }
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

    /// <summary>Batches to write in one transaction, in the scope their look-up ran in; or, when that failed, one by one.</summary>
    private sealed record Fold(AsyncServiceScope Scope, List<Pending> Batches, bool OneByOne);

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
