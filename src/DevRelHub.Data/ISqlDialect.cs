using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

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

    /// <summary>
    /// Whether the database could not be reached or could not take the work just now (down, restarting, busy): the
    /// same request later may well succeed, so the API answers 503 rather than 500.
    /// </summary>
    bool IsUnavailable(DbException exception);

    /// <summary>
    /// SQL that leases up to <c>@Batch</c> rows of <paramref name="table"/> meeting <paramref name="ready"/>
    /// whose lease is free or expired (<c>lease_until &lt; @Now</c>) to <c>@Owner</c> until <c>@LeaseUntil</c>,
    /// oldest by <paramref name="orderBy"/> first, and returns their ids. Rows another process is claiming at
    /// the same moment are skipped, not waited for, so several hosts share the work without taking a row twice.
    /// </summary>
    string ClaimRows(string table, string ready, string orderBy);

    /// <summary>
    /// Writes <paramref name="rows"/> (values in the order of <paramref name="columns"/>) into <paramref name="table"/> inside
    /// <paramref name="transaction"/>, the fastest way the database offers: one statement prepared on the SQLite handle and bound
    /// by position per row on SQLite, binary COPY on PostgreSQL, SqlBulkCopy on SQL Server.
    /// </summary>
    Task BulkInsertAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        CancellationToken cancellationToken);

    /// <summary>
    /// SQL that makes the current transaction the only one holding the lock named <c>@Resource</c> until it ends, so
    /// that writers which read before they write (what is new, what changed) take turns instead of racing; empty where
    /// the database already lets one writer in at a time (SQLite). It answers one row, so that it can go first in the
    /// command of the caller's first read (one round trip less), which skips that result.
    /// </summary>
    string ExclusiveLock { get; }

    /// <summary>
    /// SQL that, for the rest of the current transaction, has the database join row by row through indexes rather than
    /// read whole tables to hash or merge them; for writes whose few rows each meet one row of a large table. Empty where
    /// the planner does so anyway (SQLite) or was not seen to do otherwise (SQL Server).
    /// </summary>
    string JoinByKeys { get; }

    /// <summary>
    /// A table of the texts of the JSON array in <paramref name="parameter"/> (written by <see cref="IdLists.Json"/>), named
    /// <paramref name="alias"/>, its one column <c>value</c>: a list of any length in one statement with one parameter, to
    /// join from. Joined from, it is read once whatever plan the database picks; as <c>IN (SELECT …)</c> or <c>= ANY</c>,
    /// the generic plan PostgreSQL gives a prepared statement after five runs read it again, or searched it, for every
    /// row of the table (340 ms and 30 ms for 2,000 texts against 12,000 rows). <c>OPENJSON</c> needs SQL Server 2016.
    /// </summary>
    string TextsTable(string parameter, string alias);

    /// <summary>
    /// A table of the keys that <see cref="KeysByDayParameters"/> gave under the name <paramref name="parameter"/>, named
    /// <paramref name="alias"/>, its columns <c>first_key</c> and <c>second_key</c> (texts) and <c>key_day</c> (a date): to look
    /// rows up by a two-text, one-day key, any number of them in one statement.
    /// </summary>
    string KeysByDayTable(string parameter, string alias);

    /// <summary>
    /// The parameters that carry <paramref name="keys"/> to <see cref="KeysByDayTable"/> under the name
    /// <paramref name="parameter"/>: one JSON array (<see cref="IdLists.KeysByDay"/>), or on PostgreSQL three arrays, which
    /// it reads without parsing text.
    /// </summary>
    object KeysByDayParameters(string parameter, IEnumerable<(string First, string Second, DateOnly Day)> keys);

    /// <summary>
    /// SQL that inserts into <paramref name="table"/> the rows whose columns (<paramref name="columns"/>) are the arrays in
    /// <paramref name="parameters"/>, one statement among others (<see cref="StatementBatch"/>); null where the database
    /// takes no arrays as parameters, and rows go by bulk insert.
    /// </summary>
    string? InsertFromArrays(string table, IReadOnlyList<string> columns, IReadOnlyList<string> parameters);

    /// <summary>
    /// A table named <paramref name="alias"/> whose columns (<paramref name="columns"/>) are the arrays in
    /// <paramref name="parameters"/>; null where the database takes no arrays as parameters.
    /// </summary>
    string? TableFromArrays(IReadOnlyList<string> columns, IReadOnlyList<string> parameters, string alias);

    /// <summary>
    /// Whether <c>INSERT … SELECT … ON CONFLICT (key) DO UPDATE</c> adds to rows that exist and inserts the others in one
    /// statement: SQLite and PostgreSQL. SQL Server has MERGE instead.
    /// </summary>
    bool UpsertsOnConflict { get; }

    /// <summary>
    /// The statement that commits the current transaction as the last of a command's statements, so that the commit
    /// costs no round trip of its own (<see cref="DbSession.InTransactionAsync{T}"/>); null where a commit is no round
    /// trip (SQLite) or where the driver's transaction object must send it itself (SQL Server's).
    /// </summary>
    string? CommitInCommand { get; }
}

internal sealed class SqliteDialect : ISqlDialect
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public bool UpsertsOnConflict => true;

    public string ExclusiveLock => "";

    public string JoinByKeys => "";

    public string? CommitInCommand => null;

    /// <summary>
    /// A subquery SQLite reads into a table of its own once (it is not flattened into the join): joined directly,
    /// <c>json_each</c> was scanned again for every series of the source (JSON batches 99,000 → 41,000 obs/s).
    /// </summary>
    public string TextsTable(string parameter, string alias) => $"(SELECT DISTINCT value FROM json_each({parameter})) AS {alias}";

    /// <summary>Days as SQLite stores them, <c>yyyy-MM-dd</c> texts, so that they meet a key's day in its index.</summary>
    public string KeysByDayTable(string parameter, string alias) =>
        $"(SELECT json_extract(value, '$[0]') AS first_key, json_extract(value, '$[1]') AS second_key, json_extract(value, '$[2]') AS key_day FROM json_each({parameter})) AS {alias}";

    public object KeysByDayParameters(string parameter, IEnumerable<(string First, string Second, DateOnly Day)> keys) => IdLists.KeysByDayParameter(parameter, keys);

    /// <summary>None: the bulk insert runs in-process, no round trip to save.</summary>
    public string? InsertFromArrays(string table, IReadOnlyList<string> columns, IReadOnlyList<string> parameters) => null;

    public string? TableFromArrays(IReadOnlyList<string> columns, IReadOnlyList<string> parameters, string alias) => null;

    public string Paging => " LIMIT @Limit OFFSET @Offset";

    /// <summary>SQLite has one writer at a time, so the claim's UPDATE sees no rival and needs no row locks.</summary>
    public string ClaimRows(string table, string ready, string orderBy) => LimitedClaim(table, ready, orderBy, rowLocks: "");

    /// <summary>The claim as SQLite and PostgreSQL write it (LIMIT, RETURNING); <paramref name="rowLocks"/> follows the inner SELECT.</summary>
    internal static string LimitedClaim(string table, string ready, string orderBy, string rowLocks) => $"""
        UPDATE {table} SET lease_owner = @Owner, lease_until = @LeaseUntil
        WHERE id IN (SELECT id FROM {table} WHERE {ready} AND (lease_until IS NULL OR lease_until < @Now) ORDER BY {orderBy} LIMIT @Batch{rowLocks})
        RETURNING id
        """;

    /// <summary>
    /// One statement prepared on the connection's own SQLite handle and bound by position per row, values formatted into
    /// a reused buffer, as the type handlers write them: through the driver each row cost ~9 µs, most of it binding
    /// parameters by name; this way it costs what SQLite takes to store it. A column whose value is the one of the row
    /// before (a batch's time, its day, its id) is not formatted again. The statement runs in the open transaction.
    /// </summary>
    public Task BulkInsertAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        var db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})", out var statement));
        using (statement)
        {
            var formatted = new Formatted[columns.Count];
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < row.Length; i++)
                {
                    Check(db, Bind(statement, i + 1, row[i], ref formatted[i]));
                }
                var stepped = raw.sqlite3_step(statement);
                if (stepped != raw.SQLITE_DONE)
                {
                    Check(db, stepped);
                }
                raw.sqlite3_reset(statement);
            }
        }
        return Task.CompletedTask;
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value, ref Formatted last) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string s => raw.sqlite3_bind_text16(statement, index, s.AsSpan()),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        Guid or DateOnly or DateTimeOffset => BindFormatted(statement, index, value, ref last),
        _ => throw new NotSupportedException($"Bulk insert does not write {value.GetType().Name} values."),
    };

    private static int BindFormatted(sqlite3_stmt statement, int index, object value, ref Formatted last)
    {
        if (!value.Equals(last.Value))
        {
            last.Text ??= new char[64];
            last.Value = null;
            var written = value switch
            {
                Guid id => id.TryFormat(last.Text, out last.Length, "D"),
                DateOnly date => date.TryFormat(last.Text, out last.Length, TypeHandlers.SqliteDateFormat, CultureInfo.InvariantCulture),
                DateTimeOffset instant => instant.ToUniversalTime().TryFormat(last.Text, out last.Length, TypeHandlers.SqliteTimestampFormat, CultureInfo.InvariantCulture),
                _ => false,
            };
            if (!written)
            {
                return raw.SQLITE_TOOBIG;
            }
            last.Value = value;
        }
        return raw.sqlite3_bind_text16(statement, index, last.Text.AsSpan(0, last.Length));
    }

    /// <summary>A column's last formatted value and its text.</summary>
    private struct Formatted
    {
        public object? Value;
        public char[]? Text;
        public int Length;
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(db));
        }
    }

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
        && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;

    public bool IsUnavailable(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };
}

internal sealed class PostgresDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public bool UpsertsOnConflict => true;

    public string ExclusiveLock => "SELECT pg_advisory_xact_lock(hashtext(@Resource))";

    /// <summary>
    /// The planner costs a page read from disk (random_page_cost 4) though a lookup finds its pages in memory, and
    /// staging tables emptied after every write never have current statistics: it hashed all of metrics_monthly and
    /// metrics_series (50,000 and 12,000 rows at a million observations) to meet a batch's 2,000 rows, three times a
    /// batch. JSON batches of 10,000 went from 42,000–56,000 to 66,000–71,000 observations/s (the metrics benchmark).
    /// </summary>
    public string JoinByKeys => "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";

    /// <summary>
    /// Npgsql follows the transaction's state from the server's answers: after a COMMIT among a command's statements its
    /// transaction object counts as completed and is disposed without a ROLLBACK; should a statement before it fail,
    /// the rest of the command is skipped and the transaction is rolled back as usual.
    /// </summary>
    public string? CommitInCommand => "COMMIT";

    public string TextsTable(string parameter, string alias) => $"json_array_elements_text(CAST({parameter} AS json)) AS {alias}(value)";

    /// <summary>
    /// Three arrays, unnested: as one JSON array, its parsing (json_lex, date_in) was a tenth of the server time of the
    /// observation fold's connection under the load harness (perf).
    /// </summary>
    public string KeysByDayTable(string parameter, string alias) =>
        $"unnest({parameter}First, {parameter}Second, {parameter}Day) AS {alias}(first_key, second_key, key_day)";

    public object KeysByDayParameters(string parameter, IEnumerable<(string First, string Second, DateOnly Day)> keys)
    {
        var distinct = keys.Distinct().ToArray();
        var name = parameter.TrimStart('@');
        var parameters = new DynamicParameters();
        parameters.Add(name + "First", distinct.Select(key => key.First).ToArray());
        parameters.Add(name + "Second", distinct.Select(key => key.Second).ToArray());
        parameters.Add(name + "Day", distinct.Select(key => key.Day).ToArray());
        return parameters;
    }

    public string? InsertFromArrays(string table, IReadOnlyList<string> columns, IReadOnlyList<string> parameters) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT * FROM {TableFromArrays(columns, parameters, "r")}";

    public string? TableFromArrays(IReadOnlyList<string> columns, IReadOnlyList<string> parameters, string alias) =>
        $"unnest({string.Join(", ", parameters.Select(name => $"@{name}"))}) AS {alias}({string.Join(", ", columns)})";

    public string Paging => " LIMIT @Limit OFFSET @Offset";

    public string ClaimRows(string table, string ready, string orderBy) =>
        SqliteDialect.LimitedClaim(table, ready, orderBy, rowLocks: " FOR UPDATE SKIP LOCKED");

    public async Task BulkInsertAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        var postgres = (NpgsqlConnection)connection;
        await using var importer = await postgres.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var value in row)
            {
                await (value switch
                {
                    null => importer.WriteNullAsync(cancellationToken),
                    Guid id => importer.WriteAsync(id, cancellationToken),
                    string text => importer.WriteAsync(text, cancellationToken),
                    long number => importer.WriteAsync(number, cancellationToken),
                    int number => importer.WriteAsync(number, cancellationToken),
                    bool flag => importer.WriteAsync(flag, cancellationToken),
                    DateOnly date => importer.WriteAsync(date, cancellationToken),
                    DateTimeOffset instant => importer.WriteAsync(instant.ToUniversalTime(), cancellationToken),
                    _ => throw new NotSupportedException($"Bulk insert does not write {value.GetType().Name} values."),
                });
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    public bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    // Npgsql calls a lost or refused connection transient; a server going down ends sessions with 57P01–57P03
    // (shutdown, crash, starting up), and 08 is the connection exception class.
    public bool IsUnavailable(DbException exception) =>
        exception.IsTransient || exception is PostgresException postgres && (postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal));
}

internal sealed class SqlServerDialect : ISqlDialect
{
    private const int UniqueIndexViolation = 2601;
    private const int UniqueConstraintViolation = 2627;

    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public bool UpsertsOnConflict => false;

    public string ExclusiveLock =>
        "DECLARE @Granted int; EXEC @Granted = sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction'; SELECT @Granted AS granted";

    public string JoinByKeys => "";

    public string? CommitInCommand => null;

    public string TextsTable(string parameter, string alias) => $"OPENJSON({parameter}) AS {alias}";

    public string KeysByDayTable(string parameter, string alias) =>
        $"OPENJSON({parameter}) WITH (first_key nvarchar(4000) '$[0]', second_key nvarchar(4000) '$[1]', key_day date '$[2]') AS {alias}";

    public object KeysByDayParameters(string parameter, IEnumerable<(string First, string Second, DateOnly Day)> keys) => IdLists.KeysByDayParameter(parameter, keys);

    /// <summary>None: SQL Server takes tables as parameters only of a type declared beforehand.</summary>
    public string? InsertFromArrays(string table, IReadOnlyList<string> columns, IReadOnlyList<string> parameters) => null;

    public string? TableFromArrays(IReadOnlyList<string> columns, IReadOnlyList<string> parameters, string alias) => null;

    public string Paging => " OFFSET @Offset ROWS FETCH NEXT @Limit ROWS ONLY";

    public string ClaimRows(string table, string ready, string orderBy) => $"""
        WITH claimable AS (
            SELECT TOP (@Batch) * FROM {table} WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE {ready} AND (lease_until IS NULL OR lease_until < @Now) ORDER BY {orderBy})
        UPDATE claimable SET lease_owner = @Owner, lease_until = @LeaseUntil
        OUTPUT inserted.id
        """;

    public async Task BulkInsertAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        CancellationToken cancellationToken)
    {
        using var data = new System.Data.DataTable(table) { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var column in columns)
        {
            data.Columns.Add(column, typeof(object));
        }
        foreach (var row in rows)
        {
            data.Rows.Add([.. row.Select(value => value switch
            {
                null => DBNull.Value,
                DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                _ => value,
            })]);
        }
        using var copy = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.Default, (SqlTransaction?)transaction) { DestinationTableName = table, BatchSize = 10_000 };
        foreach (var column in columns)
        {
            copy.ColumnMappings.Add(column, column);
        }
        await copy.WriteToServerAsync(data, cancellationToken);
    }

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: UniqueIndexViolation or UniqueConstraintViolation };

    // No connection (-1, 2, 53), timeout (-2), connection dropped (233, 10053, 10054, 10060), database offline or
    // shutting down (4060, 6005), Azure SQL busy or moving (40197, 40501, 40613).
    public bool IsUnavailable(DbException exception) =>
        exception.IsTransient || exception is SqlException { Number: -2 or -1 or 2 or 53 or 233 or 4060 or 6005 or 10053 or 10054 or 10060 or 40197 or 40501 or 40613 };
}
