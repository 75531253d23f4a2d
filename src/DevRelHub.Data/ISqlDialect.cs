using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DevRelHub.Data;

/// <summary>
/// The few pieces of SQL that cannot be written once for SQLite, PostgreSQL and SQL Server.
/// Everything else is plain, portable SQL beside the handler that runs it.
/// </summary>
public interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>A paging clause to append after an ORDER BY, reading the <c>@Offset</c> and <c>@Limit</c> parameters.</summary>
    string Paging { get; }

    /// <summary>Whether the database refused a write because it would break a unique index.</summary>
    bool IsUniqueViolation(DbException exception);
}

internal sealed class SqliteDialect : ISqlDialect
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string Paging => " LIMIT @Limit OFFSET @Offset";

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
        && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;
}

internal sealed class PostgresDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string Paging => " LIMIT @Limit OFFSET @Offset";

    public bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}

internal sealed class SqlServerDialect : ISqlDialect
{
    private const int UniqueIndexViolation = 2601;
    private const int UniqueConstraintViolation = 2627;

    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string Paging => " OFFSET @Offset ROWS FETCH NEXT @Limit ROWS ONLY";

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: UniqueIndexViolation or UniqueConstraintViolation };
}
