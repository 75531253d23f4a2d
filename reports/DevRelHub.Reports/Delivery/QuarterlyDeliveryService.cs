using DevRelHub.Metrics.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DevRelHub.Reports.Delivery;

/// <summary>
/// Sends the last quarter's report to the executives once it is due (<see cref="DeliveryOptions.DayAfterQuarterEnd"/>).
/// Every host may run it: the delivery row's primary key lets one of them send, and the others find it sent.
/// </summary>
internal sealed partial class QuarterlyDeliveryService(IServiceScopeFactory scopes, TimeProvider clock, DeliveryOptions options, ILogger<QuarterlyDeliveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await DeliverDueAsync(stoppingToken);
                await Task.Delay(options.CheckInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var quarter = Quarter.Containing(today).Previous;
        if (today < quarter.LastDay.AddDays(options.DayAfterQuarterEnd))
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var delivery = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeliverQuarterlyReport(quarter, DeliveryReason.Scheduled, "schedule"), cancellationToken);
            if (delivery is not null)
            {
                LogDelivered(quarter, delivery.Recipients);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, quarter);
        }
    }

    [LoggerMessage(LogLevel.Information, "Sent the report for {Quarter} to {Recipients} executives")]
    private partial void LogDelivered(Quarter quarter, int recipients);

    [LoggerMessage(LogLevel.Warning, "Could not send the report for {Quarter}; trying again at the next check")]
    private partial void LogFailed(Exception exception, Quarter quarter);
}
