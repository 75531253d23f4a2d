using DevRelHub.Advocacy;
using DevRelHub.Advocacy.Contracts;
using DevRelHub.Data;
using DevRelHub.Hiring;
using DevRelHub.Hiring.Contracts;
using DevRelHub.Host.Api;
using DevRelHub.Host.Components;
using DevRelHub.Host.Pipeline;
using DevRelHub.Host.Seeding;
using DevRelHub.Identity;
using DevRelHub.Identity.Contracts;
using DevRelHub.Metrics;
using DevRelHub.Metrics.Contracts;
using DevRelHub.Reports;
using DevRelHub.Workflows;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using MudBlazor.Services;
using Scalar.AspNetCore;

namespace DevRelHub.Host;

/// <summary>The table of contents of the application: what it is made of, and where each part answers.</summary>
internal static class DevRelHubApplication
{
    public static WebApplicationBuilder AddDevRelHub(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TimeProvider>(new MicrosecondTimeProvider(TimeProvider.System));
        services.AddDatabase(builder.Configuration);
        services.AddSingleton(provider => new ReadAdmission(ReadAdmission.ConcurrentReads(builder.Configuration, provider.GetRequiredService<DatabaseOptions>().Provider)));
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies =
            [
                typeof(IdentityModule), typeof(CreateUser),
                typeof(HiringModule), typeof(CreateCandidate),
                typeof(AdvocacyModule), typeof(LogActivity),
                typeof(MetricsModule), typeof(RecordObservations),
                typeof(ReportsModule),
                typeof(WorkflowsModule),
            ];
            options.PipelineBehaviors = [typeof(TracingBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>)];
        });
        services.AddValidatorsFromAssemblies(ModuleAssemblies.All, ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddIdentityModule(builder.Configuration);
        services.AddHiringModule(builder.Configuration);
        services.AddAdvocacyModule();
        services.AddMetricsModule();
        services.AddReportsModule(builder.Configuration);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowOutOfOrderMetadataProperties = true);
        services.AddWorkflows(options =>
        {
            builder.Configuration.GetSection("Workflows").Bind(options);
            builder.Configuration.GetSection("Smtp").Bind(options.Smtp);
            options.SupervisorRoles = [Roles.Admin];
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<DemoData>();
        return builder;
    }

    public static WebApplication MapDevRelHub(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(app.Services.GetRequiredService<ReadAdmission>().InvokeAsync);
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/docs").AllowAnonymous();

        app.MapIdentityEndpoints();
        app.MapWorkflowEndpoints(editorRoles: [Roles.Recruiter, Roles.Admin]);
        app.MapHiringEndpoints();
        app.MapAdvocacyEndpoints();
        app.MapMetricsEndpoints();
        app.MapReportsEndpoints();

        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(ModuleAssemblies.All);
        return app;
    }
}
