using DevRelHub.Identity.Contracts;
using DevRelHub.Reports.Delivery;
using DevRelHub.Reports.Quarterly;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Reports;

/// <summary>The quarterly report, composed from what the modules answer through their contracts, and its delivery to the executives.</summary>
public static class ReportsModule
{
    /// <summary>Who reads reports.</summary>
    internal static readonly string[] Readers = [Roles.Executive, Roles.HiringManager, Roles.Admin];

    public static IServiceCollection AddReportsModule(this IServiceCollection services, IConfiguration configuration)
    {
        var delivery = new DeliveryOptions();
        configuration.GetSection("Reports:Delivery").Bind(delivery);
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(delivery, new(delivery), validateAllProperties: true);
        services.AddSingleton(delivery);
        if (delivery.Enabled)
        {
            services.AddHostedService<QuarterlyDeliveryService>();
        }
        return services;
    }

    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        QuarterlyReportEndpoint.Map(reports);
        DeliveryEndpoints.Map(reports);
        return app;
    }
}
