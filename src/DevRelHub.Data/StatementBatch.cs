using System.Data;
using System.Data.Common;
using Dapper;

namespace DevRelHub.Data;

/// <summary>
/// The statements of one write gathered and sent as one command: one round trip to the server for all of them, not one
/// each. Rows to insert go with them as parameters where the database takes a column of values as one (PostgreSQL:
/// arrays, unnested) and they are few (up to <see cref="MaxRowsAsParameters"/>); otherwise by bulk insert, the
/// statements gathered before them sent first, so everything runs in the order it was given. Measured on the load
/// harness's PostgreSQL run: a fold of observation batches was seventeen round trips, six of them two-trip COPYs of a
/// few hundred rows at most.
/// </summary>
public sealed class StatementBatch
{
    /// <summary>Above this many rows a bulk insert (COPY) costs less than the arrays, and the arrays grow with the rows.</summary>
    public const int MaxRowsAsParameters = 1_000;

    private readonly DbSession session;
    private readonly ISqlDialect dialect;
    private readonly object common;
    private readonly List<string> statements = [];
    private DynamicParameters parameters;
    private int arrays;

    internal StatementBatch(DbSession session, ISqlDialect dialect, object common)
    {
        this.session = session;
        this.dialect = dialect;
        this.common = common;
        parameters = new DynamicParameters(common);
    }

    /// <summary>Adds statements, run after everything added before them.</summary>
    public void Add(string sql) => statements.Add(sql);

    /// <summary>Inserts <paramref name="rows"/> (values in the order of <paramref name="columns"/>) into <paramref name="table"/>, in turn with the statements.</summary>
    public async Task InsertAsync(string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var names = columns.Select((_, i) => $"rows{arrays}_{i}").ToArray();
        if (rows.Count <= MaxRowsAsParameters && dialect.InsertFromArrays(table, columns, names) is { } insert)
        {
            AddArrays(names, rows);
            statements.Add(insert);
            return;
        }
        await ExecuteAsync(cancellationToken);
        await session.BulkInsertAsync(table, columns, rows, cancellationToken);
    }

    /// <summary>
    /// <paramref name="rows"/> as a table named <paramref name="alias"/> for the statements added next to read. On
    /// PostgreSQL, up to <see cref="MaxRowsAsParameters"/> rows, that is the arrays themselves; otherwise the rows are
    /// inserted into <paramref name="stage"/>, whose first column is <c>batch_id</c> (this batch's <c>@Batch</c>), and
    /// read back from it, and the answer says so: its caller then clears the stage.
    /// </summary>
    public async Task<(string Table, bool Staged)> RowsAsync(string stage, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, string alias,
        CancellationToken cancellationToken)
    {
        var names = columns.Select((_, i) => $"rows{arrays}_{i}").ToArray();
        if (rows.Count <= MaxRowsAsParameters && dialect.TableFromArrays(columns, names, alias) is { } table)
        {
            AddArrays(names, rows);
            return (table, false);
        }
        await InsertAsync(stage, columns, rows, cancellationToken);
        return ($"(SELECT {string.Join(", ", columns)} FROM {stage} WHERE batch_id = @Batch) AS {alias}", true);
    }

    private void AddArrays(string[] names, IReadOnlyList<object?[]> rows)
    {
        for (var i = 0; i < names.Length; i++)
        {
            parameters.Add(names[i], Column(rows, i));
        }
        arrays++;
    }

    /// <summary>Sends the statements gathered so far, if any.</summary>
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        if (statements.Count > 0)
        {
            var db = await session.ConnectionAsync(cancellationToken);
            var (sql, values) = Take();
            await db.ExecuteAsync(session.Command(sql, values, cancellationToken));
        }
    }

    /// <summary>
    /// Sends the statements gathered so far as the last command of the work, which sends nothing after it: with the
    /// COMMIT, when the transaction's owner lets the last command carry it (<see cref="DbSession.InTransactionAsync{T}(Func{CancellationToken, ValueTask{T}}, bool, CancellationToken)"/>).
    /// </summary>
    public async Task ExecuteLastAsync(CancellationToken cancellationToken)
    {
        if (!session.LastCommandEndsTransaction)
        {
            await ExecuteAsync(cancellationToken);
            return;
        }
        if (dialect.CommitInCommand is { } commit)
        {
            statements.Add(commit);
        }
        await ExecuteAsync(cancellationToken);
        session.LastCommandSent();
    }

    /// <summary>Sends the statements gathered so far with <paramref name="query"/> last, whose results the answer's reader gives; the others return none.</summary>
    public async Task<Results> ExecuteReaderAsync(string query, object extraParameters, CancellationToken cancellationToken)
    {
        statements.Add(query);
        parameters.AddDynamicParams(extraParameters);
        var db = await session.ConnectionAsync(cancellationToken);
        var (sql, values) = Take();
        return new Results(await db.ExecuteReaderAsync(session.Command(sql, values, cancellationToken)));
    }

    /// <summary>
    /// A reader over a batch's results that, disposed, disposes its command as well. Dapper's reader does so only when
    /// disposed synchronously (DapperLib/Dapper#2185), which a PostgreSQL connection that multiplexes refuses; on SQLite
    /// the command left behind kept its compiled statements until the finalizer freed them, on the finalizer's one
    /// thread, waiting for the connection's lock each time (dotnet-trace under the load harness: the finalizer thread
    /// was busy most of the run).
    /// </summary>
    public sealed class Results(DbDataReader reader) : IAsyncDisposable
    {
        private readonly IDbCommand command = ((IWrappedDataReader)reader).Command;

        public DbDataReader Reader { get; } = reader;

        public async ValueTask DisposeAsync()
        {
            await Reader.DisposeAsync();
            if (command is DbCommand owned)
            {
                await owned.DisposeAsync();
            }
        }
    }

    /// <summary>The gathered statements as one text, and their parameters; the batch starts again empty.</summary>
    private (string Sql, DynamicParameters Parameters) Take()
    {
        var taken = (string.Join(";\n", statements), parameters);
        statements.Clear();
        parameters = new DynamicParameters(common);
        return taken;
    }

    /// <summary>
    /// One column of the rows as a typed array (the type of its first value; nullable where a value type has nulls),
    /// instants in UTC as PostgreSQL's timestamptz takes them.
    /// </summary>
    private static Array Column(IReadOnlyList<object?[]> rows, int column)
    {
        var type = rows.Select(row => row[column]).FirstOrDefault(value => value is not null)?.GetType() ?? typeof(string);
        if (type.IsValueType && rows.Any(row => row[column] is null))
        {
            type = typeof(Nullable<>).MakeGenericType(type);
        }
        var values = Array.CreateInstance(type, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            values.SetValue(rows[i][column] is DateTimeOffset instant ? instant.ToUniversalTime() : rows[i][column], i);
        }
        return values;
    }
}
