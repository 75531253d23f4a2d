using DevRelHub.Data;
using Mediator;

namespace DevRelHub.Host.Pipeline;

/// <summary>Wraps every command in one transaction of the scope's <see cref="DbSession"/>: all of it is stored, or none.</summary>
internal sealed class TransactionBehavior<TMessage, TResponse>(DbSession session) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        session.InTransactionAsync(token => next(message, token), cancellationToken);
}
