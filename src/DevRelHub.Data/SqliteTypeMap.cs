using System.Data;
using FluentMigrator.Runner.Generators.SQLite;

namespace DevRelHub.Data;

/// <summary>
/// FluentMigrator's SQLite generator knows no DateTimeOffset column. SQLite has no such type anyway:
/// the type handlers store instants as fixed-width UTC text, which sorts and compares correctly.
/// </summary>
internal sealed class SqliteTypeMap : ISQLiteTypeMap
{
    private readonly SQLiteTypeMap inner = new();

    public string GetTypeMap(DbType type, int? size, int? precision) =>
        type == DbType.DateTimeOffset ? "TEXT" : inner.GetTypeMap(type, size, precision);
}
