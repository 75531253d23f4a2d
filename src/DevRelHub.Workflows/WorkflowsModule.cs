using DevRelHub.Data;
using DevRelHub.Workflows.Activities;
using DevRelHub.Workflows.Activities.List;
using DevRelHub.Workflows.Definitions;
using DevRelHub.Workflows.Definitions.Validate;
using DevRelHub.Workflows.Instances;
using DevRelHub.Workflows.Outbox;
using DevRelHub.Workflows.Runtime;
using DevRelHub.Workflows.Runtime.Timers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Workflows;

/// <summary>
/// The workflow engine's registrations and HTTP face. The engine knows no module and no role names:
/// modules register their activities, and the host says which roles edit workflows and act for anyone.
/// </summary>
public static class WorkflowsModule
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services, Action<WorkflowEngineOptions>? configure = null)
    {
        var options = new WorkflowEngineOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<ActivityRegistry>();
        services.AddSingleton<WorkflowGraphValidator>();
        services.AddSingleton<WorkflowDefinitionCache>();
        services.AddSingleton(provider => new WorkflowRuntime(
            provider.GetRequiredService<WriteGate>(), provider.GetRequiredService<WorkflowDefinitionCache>(),
            provider.GetRequiredService<ActivityRegistry>(), provider.GetRequiredService<TimeProvider>(), options));
        if (options.RunTimers)
        {
            services.AddHostedService<WorkflowTimerService>();
        }
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<IMailSender>(options.Smtp.Host is { Length: > 0 } host
            ? new SmtpMailSender(host, options.Smtp)
            : new EmlFileMailSender(options.Outbox));
        if (options.Outbox.Deliver)
        {
            services.AddHostedService<OutboxDeliveryService>();
        }
        return services;
    }

    /// <summary>Everyone signed in reads workflows and answers the steps assigned to them; <paramref name="editorRoles"/> edit, publish and operate.</summary>
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app, string[] editorRoles)
    {
        var workflows = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization();
        ListActivityTypesEndpoint.Map(workflows);
        ValidateWorkflowGraphEndpoint.Map(workflows);
        DefinitionEndpoints.Map(workflows, editorRoles);
        InstanceEndpoints.Map(workflows, editorRoles);
        return app;
    }
}
