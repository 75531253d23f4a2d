using System.Reflection;
using NetArchTest.Rules;

namespace Architecture.Tests;

public sealed class ModuleBoundaryTests
{
    private static readonly Assembly[] Modules =
    [
        typeof(DevRelHub.Identity.IdentityModule).Assembly,
        typeof(DevRelHub.Hiring.HiringModule).Assembly,
        typeof(DevRelHub.Advocacy.AdvocacyModule).Assembly,
        typeof(DevRelHub.Metrics.MetricsModule).Assembly,
        typeof(DevRelHub.Reports.ReportsModule).Assembly,
    ];

    private static readonly Assembly[] Contracts =
    [
        typeof(DevRelHub.Identity.Contracts.Roles).Assembly,
        typeof(DevRelHub.Hiring.Contracts.CreateCandidate).Assembly,
        typeof(DevRelHub.Advocacy.Contracts.LogActivity).Assembly,
        typeof(DevRelHub.Metrics.Contracts.Quarter).Assembly,
    ];

    /// <summary>What any module may build on besides contracts: the data layer, the workflow engine (modules contribute activities) and the PDF composition.</summary>
    private static readonly Assembly[] SharedFoundations =
    [
        typeof(DevRelHub.Data.DbSession).Assembly,
        typeof(DevRelHub.Workflows.WorkflowsModule).Assembly,
        typeof(DevRelHub.Reports.Pdf.PdfDocument).Assembly,
    ];

    public static TheoryData<string> ModuleNames => [.. Modules.Select(module => module.GetName().Name!)];

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Modules_reference_only_contracts_of_other_modules(string module)
    {
        var assembly = Modules.Single(candidate => candidate.GetName().Name == module);
        var allowed = Contracts.Concat(SharedFoundations).Select(a => a.GetName().Name).ToHashSet();

        var forbidden = assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("DevRelHub.", StringComparison.Ordinal) && !allowed.Contains(name))
            .ToList();

        Assert.True(forbidden.Count == 0, $"{module} references {string.Join(", ", forbidden)}; a module may only use other modules' *.Contracts.");
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Modules_use_no_type_of_another_module(string module)
    {
        var assembly = Modules.Single(candidate => candidate.GetName().Name == module);
        var otherModulesTypes = Modules.Where(other => other != assembly)
            .SelectMany(other => other.GetTypes())
            .Where(type => type.Namespace?.StartsWith("DevRelHub.", StringComparison.Ordinal) == true)
            .Select(type => type.FullName!)
            .ToArray();

        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(otherModulesTypes).GetResult();

        Assert.True(result.IsSuccessful, $"{module} uses types of other modules: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Contracts_depend_on_no_module_and_on_no_data_access()
    {
        foreach (var contracts in Contracts)
        {
            var forbidden = contracts.GetReferencedAssemblies()
                .Select(reference => reference.Name!)
                .Where(name => name.StartsWith("DevRelHub.", StringComparison.Ordinal))
                .ToList();

            Assert.True(forbidden.Count == 0, $"{contracts.GetName().Name} references {string.Join(", ", forbidden)}; contracts stand alone.");
        }
    }

    [Fact]
    public void Handlers_and_validators_stay_internal_to_their_module()
    {
        var result = Types.InAssemblies(Modules)
            .That().HaveNameEndingWith("Handler").Or().HaveNameEndingWith("Validator").Or().HaveNameEndingWith("Endpoint").Or().HaveNameEndingWith("Endpoints")
            .Should().NotBePublic()
            .GetResult();

        Assert.True(result.IsSuccessful, $"Public where they should be internal: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_workflow_engine_references_no_module()
    {
        var engine = typeof(DevRelHub.Workflows.WorkflowsModule).Assembly;

        var references = engine.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("DevRelHub.", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(["DevRelHub.Data"], references);
    }

    [Fact]
    public void The_workflow_designer_knows_the_engine_but_no_module()
    {
        var designer = typeof(DevRelHub.Workflows.Designer.WorkflowDesigner).Assembly;
        string[] allowed = ["DevRelHub.Workflows", "DevRelHub.Data", "DevRelHub.Identity.Contracts"];

        var forbidden = designer.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("DevRelHub.", StringComparison.Ordinal) && !allowed.Contains(name))
            .ToList();

        Assert.Empty(forbidden);
    }

    [Fact]
    public void The_data_layer_knows_no_module()
    {
        var data = typeof(DevRelHub.Data.DbSession).Assembly;

        var modules = data.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("DevRelHub.", StringComparison.Ordinal) && name != "DevRelHub.Migrations")
            .ToList();

        Assert.Empty(modules);
    }
}
