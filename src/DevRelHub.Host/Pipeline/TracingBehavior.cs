using System.Diagnostics;
using FluentValidation;
using Mediator;

namespace DevRelHub.Host.Pipeline;

/// <summary>The source of the tracing activities of mediator messages, one per message sent.</summary>
internal static class MediatorTracing
{
    public static readonly ActivitySource Source = new("DevRelHub.Mediator");
}

/// <summary>One tracing activity and one log line per message, with how long it took and how it ended.</summary>
internal sealed class TracingBehavior<TMessage, TResponse>(ILogger<TracingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        using var activity = MediatorTracing.Source.StartActivity(name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogDebug("{Message} handled in {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (ValidationException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "invalid");
            logger.LogInformation("{Message} refused as invalid after {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            logger.LogError(e, "{Message} failed after {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
