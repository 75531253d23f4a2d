using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Data;

/// <summary>
/// Sends each message in a scope of its own, so that it gets its own <see cref="DbSession"/>.
/// Interactive pages live for a whole circuit; they send through this rather than holding one
/// connection (and racing on it) for as long as the browser tab is open.
/// </summary>
public sealed class ScopedSender(IServiceScopeFactory scopes)
{
    public async ValueTask<T> Send<T>(ICommand<T> command, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    public async ValueTask<T> Send<T>(IQuery<T> query, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }

    public async ValueTask<T> Send<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, cancellationToken);
    }
}
