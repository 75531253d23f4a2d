using System.Reflection;
using DevRelHub.Advocacy;
using DevRelHub.Hiring;
using DevRelHub.Identity;
using DevRelHub.Metrics;
using DevRelHub.Reports;
using DevRelHub.Workflows;
using DevRelHub.Workflows.Designer;

namespace DevRelHub.Host;

/// <summary>The module and engine assemblies whose pages, validators and handlers the host composes.</summary>
internal static class ModuleAssemblies
{
    public static Assembly[] All { get; } =
    [
        typeof(IdentityModule).Assembly,
        typeof(HiringModule).Assembly,
        typeof(AdvocacyModule).Assembly,
        typeof(MetricsModule).Assembly,
        typeof(ReportsModule).Assembly,
        typeof(WorkflowsModule).Assembly,
        typeof(WorkflowDesigner).Assembly,
    ];
}
