namespace DevRelHub.Migrations;

/// <summary>Marks the assembly the migration runner scans. Migrations live in one folder per module; never edit one that has landed.</summary>
public static class MigrationsAssembly;
