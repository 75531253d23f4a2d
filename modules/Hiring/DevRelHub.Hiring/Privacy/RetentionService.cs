using DevRelHub.Hiring.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevRelHub.Hiring.Privacy;

/// <summary>The <c>Hiring</c> settings section.</summary>
public sealed class HiringOptions
{
    /// <summary>Declined and withdrawn candidates are erased this many months after their last application closed; 0 keeps them.</summary>
    public int RetainDeclinedMonths { get; set; } = 12;

    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>Applies the retention setting a few times a day.</summary>
internal sealed partial class RetentionService(IServiceScopeFactory scopes, HiringOptions options, TimeProvider clock, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.RetentionCheckInterval, clock, stoppingToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var erased = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new EraseDeclinedCandidates(options.RetainDeclinedMonths), stoppingToken);
                    LogErased(erased, options.RetainDeclinedMonths);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: erased {Count} candidates declined more than {Months} months ago.")]
    private partial void LogErased(int count, int months);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention: erasing declined candidates failed; trying again later.")]
    private partial void LogFailed(Exception exception);
}
