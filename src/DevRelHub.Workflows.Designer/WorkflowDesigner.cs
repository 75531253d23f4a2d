namespace DevRelHub.Workflows.Designer;

/// <summary>Marks the designer's assembly, whose pages the host routes to.</summary>
public static class WorkflowDesigner;
