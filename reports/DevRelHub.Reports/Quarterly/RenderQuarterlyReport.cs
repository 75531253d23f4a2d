using DevRelHub.Metrics.Contracts;
using Mediator;

namespace DevRelHub.Reports.Quarterly;

/// <summary>The quarterly awareness and involvement report as PDF bytes, dated now.</summary>
public sealed record RenderQuarterlyReport(Quarter Quarter) : IQuery<byte[]>;

internal sealed class RenderQuarterlyReportHandler(ISender sender, TimeProvider clock) : IQueryHandler<RenderQuarterlyReport, byte[]>
{
    public async ValueTask<byte[]> Handle(RenderQuarterlyReport query, CancellationToken cancellationToken)
    {
        var figures = await sender.Send(new GatherQuarterlyFigures(query.Quarter), cancellationToken);
        return QuarterlyReportDocument.Compose(figures, clock.GetUtcNow()).Render();
    }
}
