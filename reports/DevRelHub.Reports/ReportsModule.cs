using DevRelHub.Reports.Quarterly;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DevRelHub.Reports;

/// <summary>The quarterly report, composed from what the modules answer through their contracts.</summary>
public static class ReportsModule
{
    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder app)
    {
        QuarterlyReportEndpoint.Map(app.MapGroup("/api/reports").WithTags("Reports"));
        return app;
    }
}
