using System.Buffers.Binary;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevRelHub.Data.Tests;

public abstract class DataLayerTests(DatabaseFixture fixture)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected const string Insert = "INSERT INTO test_value (id, at, day, flag, position, note) VALUES (@Id, @At, @Day, @Flag, @Position, @Note)";
    private const string SelectAll = "SELECT id AS Id, at AS At, day AS Day, flag AS Flag, position AS Position, note AS Note FROM test_value";

    protected sealed record Row(Guid Id, DateTimeOffset At, DateOnly Day, bool Flag, int Position, string? Note);

    [Fact]
    public async Task Instants_dates_guids_flags_and_numbers_read_back_as_written()
    {
        await fixture.StartAsync();
        var written = new Row(Guid.CreateVersion7(), new DateTimeOffset(2026, 3, 29, 1, 30, 15, 123, TimeSpan.FromHours(2)), new DateOnly(2026, 2, 28), true, int.MaxValue, null);

        await WithSession(async (session, db) => await db.ExecuteAsync(session.Command(Insert, written, Ct)));
        var read = await WithSession(async (session, db) => await db.QuerySingleAsync<Row>(session.Command(SelectAll, null, Ct)));

        Assert.Equal(written, read);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
        Assert.Equal(written.At.UtcDateTime, read.At.UtcDateTime);
    }

    [Fact]
    public async Task Instants_compare_and_sort_by_time_whatever_offset_they_were_written_with()
    {
        await fixture.StartAsync();
        var rows = new[]
        {
            new Row(Guid.CreateVersion7(), new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(-7)), new DateOnly(2026, 6, 1), false, 1, "16:00 UTC"),
            new Row(Guid.CreateVersion7(), new DateTimeOffset(2026, 6, 1, 23, 0, 0, TimeSpan.FromHours(9)), new DateOnly(2026, 6, 1), false, 2, "14:00 UTC"),
            new Row(Guid.CreateVersion7(), new DateTimeOffset(2026, 6, 1, 15, 0, 0, TimeSpan.Zero), new DateOnly(2026, 6, 1), true, 3, "15:00 UTC"),
        };
        await WithSession(async (session, db) => await db.ExecuteAsync(session.Command(Insert, rows, Ct)));

        var after = await WithSession(async (session, db) => (await db.QueryAsync<string>(session.Command(
            "SELECT note FROM test_value WHERE at > @Cutoff ORDER BY at", new { Cutoff = new DateTimeOffset(2026, 6, 1, 14, 30, 0, TimeSpan.Zero) }, Ct))).ToList());
        var flagged = await WithSession(async (session, db) => await db.QuerySingleAsync<Row>(session.Command(
            SelectAll + " WHERE id = @Id AND flag = @Flag", new { rows[2].Id, Flag = true }, Ct)));

        Assert.Equal(["15:00 UTC", "16:00 UTC"], after);
        Assert.Equal(rows[2], flagged);
    }

    [Fact]
    public async Task A_transaction_that_throws_stores_nothing_and_one_that_returns_stores_everything()
    {
        await fixture.StartAsync();
        var row = new Row(Guid.CreateVersion7(), DateTimeOffset.UtcNow, new DateOnly(2026, 1, 1), false, 0, "kept");

        await Assert.ThrowsAsync<InvalidOperationException>(() => WithSession(async (session, db) =>
            await session.InTransactionAsync<int>(async token =>
            {
                await db.ExecuteAsync(session.Command(Insert, row with { Note = "lost" }, token));
                throw new InvalidOperationException("the handler failed half way");
            }, Ct)));
        await WithSession(async (session, db) =>
            await session.InTransactionAsync(async token => await db.ExecuteAsync(session.Command(Insert, row, token)), Ct));

        var notes = await WithSession(async (session, db) => (await db.QueryAsync<string>(session.Command("SELECT note FROM test_value", null, Ct))).ToList());
        Assert.Equal(["kept"], notes);
    }

    [Fact]
    public async Task The_dialect_recognises_a_duplicate_key()
    {
        await fixture.StartAsync();
        var row = new Row(Guid.CreateVersion7(), DateTimeOffset.UtcNow, new DateOnly(2026, 1, 1), false, 0, null);
        await WithSession(async (session, db) => await db.ExecuteAsync(session.Command(Insert, row, Ct)));

        var error = await Assert.ThrowsAnyAsync<DbException>(() => WithSession(async (session, db) => await db.ExecuteAsync(session.Command(Insert, row, Ct))));

        Assert.True(fixture.Services.GetRequiredService<ISqlDialect>().IsUniqueViolation(error));
    }

    [Fact]
    public async Task A_bulk_insert_reads_back_as_written_and_one_breaking_a_key_is_refused_whole()
    {
        await fixture.StartAsync();
        var rows = Enumerable.Range(0, 12_000).Select(i => new Row(Guid.CreateVersion7(), new DateTimeOffset(2026, 3, 29, 1, 30, 15, TimeSpan.FromHours(2)).AddSeconds(i),
            new DateOnly(2026, 2, 28).AddDays(i % 40), i % 3 == 0, i, i % 5 == 0 ? null : $"Zoë «{i}» '; DROP TABLE test_value; --")).ToList();
        string[] columns = ["id", "at", "day", "flag", "position", "note"];
        var dialect = fixture.Services.GetRequiredService<ISqlDialect>();

        await WithSession(async (session, _) => await session.InTransactionAsync(async token =>
        {
            await session.BulkInsertAsync("test_value", columns, rows.Select(row => new object?[] { row.Id, row.At, row.Day, row.Flag, row.Position, row.Note }), token);
            return 0;
        }, Ct));
        var error = await Assert.ThrowsAnyAsync<DbException>(() => WithSession(async (session, _) => await session.InTransactionAsync(async token =>
        {
            var again = rows[7];
            await session.BulkInsertAsync("test_value", columns, [[Guid.CreateVersion7(), again.At, again.Day, again.Flag, -1, "new"], [again.Id, again.At, again.Day, again.Flag, -2, "repeats"]], token);
            return 0;
        }, Ct)));
        var read = await WithSession(async (session, db) => (await db.QueryAsync<Row>(session.Command(SelectAll + " ORDER BY position", null, Ct))).ToList());

        Assert.True(dialect.IsUniqueViolation(error));
        Assert.Equal(rows, read);
    }

    [Fact]
    public async Task A_statement_batch_runs_statements_and_inserts_in_the_order_given_whether_rows_go_as_parameters_or_in_bulk()
    {
        await fixture.StartAsync();
        var at = new DateTimeOffset(2026, 3, 29, 1, 30, 15, TimeSpan.FromHours(2));
        var few = Enumerable.Range(0, 3).Select(i => new Row(Guid.CreateVersion7(), at.AddMinutes(i), new DateOnly(2026, 2, 28), i == 1, i, i == 2 ? null : $"few {i}")).ToList();
        var many = Enumerable.Range(100, StatementBatch.MaxRowsAsParameters + 1)
            .Select(i => new Row(Guid.CreateVersion7(), at.AddSeconds(i), new DateOnly(2026, 3, 1).AddDays(i % 30), i % 2 == 0, i, $"many {i}")).ToList();
        string[] columns = ["id", "at", "day", "flag", "position", "note"];
        static object?[][] Values(IEnumerable<Row> rows) => [.. rows.Select(row => new object?[] { row.Id, row.At, row.Day, row.Flag, row.Position, row.Note })];

        var counted = await WithSession(async (session, _) => await session.InTransactionAsync(async token =>
        {
            var statements = session.Statements(new { Note = "renamed", Last = many[^1].Position });
            await statements.InsertAsync("test_value", columns, Values(few), token);
            statements.Add("UPDATE test_value SET note = @Note WHERE position <> 2");
            await statements.InsertAsync("test_value", columns, Values(many), token);
            statements.Add("DELETE FROM test_value WHERE position = @Last");
            await using var results = await statements.ExecuteReaderAsync("SELECT COUNT(*) FROM test_value WHERE note = @Note", new { }, token);
            await results.Reader.ReadAsync(token);
            return results.Reader.GetInt64(0);
        }, Ct));
        var read = await WithSession(async (session, db) => (await db.QueryAsync<Row>(session.Command(SelectAll + " ORDER BY position", null, Ct))).ToList());

        Assert.Equal(2, counted);
        Assert.Equal([few[0] with { Note = "renamed" }, few[1] with { Note = "renamed" }, few[2], .. many[..^1]], read);
    }

    [Fact]
    public async Task A_last_command_that_ends_its_transaction_stores_its_work_refuses_anything_after_it_and_stores_nothing_when_it_fails()
    {
        await fixture.StartAsync();
        var at = new DateTimeOffset(2026, 3, 29, 1, 30, 15, TimeSpan.Zero);
        var kept = new Row(Guid.CreateVersion7(), at, new DateOnly(2026, 2, 28), false, 1, "kept");
        var lost = kept with { Id = Guid.CreateVersion7(), Position = 2, Note = "lost" };
        // The rows' inserts as one command, the work's last.
        static async Task<int> LastAsync(DbSession session, CancellationToken token, params Row[] rows)
        {
            var values = new Dictionary<string, object?>();
            foreach (var (row, i) in rows.Select((row, i) => (row, i)))
            {
                (values[$"Id{i}"], values[$"At{i}"], values[$"Day{i}"], values[$"Flag{i}"], values[$"Position{i}"], values[$"Note{i}"]) =
                    (row.Id, row.At, row.Day, row.Flag, row.Position, row.Note);
            }
            var statements = session.Statements(values);
            for (var i = 0; i < rows.Length; i++)
            {
                statements.Add($"INSERT INTO test_value (id, at, day, flag, position, note) VALUES (@Id{i}, @At{i}, @Day{i}, @Flag{i}, @Position{i}, @Note{i})");
            }
            await statements.ExecuteLastAsync(token);
            return rows.Length;
        }

        await WithSession(async (session, _) => await session.InTransactionAsync(token => new ValueTask<int>(LastAsync(session, token, kept)), commitWithLastCommand: true, Ct));
        await Assert.ThrowsAnyAsync<DbException>(() => WithSession(async (session, _) =>
            await session.InTransactionAsync(token => new ValueTask<int>(LastAsync(session, token, lost, kept)), commitWithLastCommand: true, Ct)));
        var after = await Assert.ThrowsAsync<InvalidOperationException>(() => WithSession(async (session, db) => await session.InTransactionAsync(async token =>
        {
            await LastAsync(session, token, lost with { Id = Guid.CreateVersion7(), Position = 3 });
            return await db.ExecuteAsync(session.Command("DELETE FROM test_value", null, token));
        }, commitWithLastCommand: true, Ct)));
        var read = await WithSession(async (session, db) => (await db.QueryAsync<Row>(session.Command(SelectAll + " WHERE position < 3", null, Ct))).ToList());

        Assert.Equal([kept], read);
        Assert.Contains("nothing may be sent after it", after.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dialect_pages_an_ordered_query()
    {
        await fixture.StartAsync();
        var rows = Enumerable.Range(1, 5).Select(day => new Row(Guid.CreateVersion7(), DateTimeOffset.UtcNow, new DateOnly(2026, 1, day), false, day, $"day {day}")).ToArray();
        await WithSession(async (session, db) => await db.ExecuteAsync(session.Command(Insert, rows, Ct)));
        var paging = fixture.Services.GetRequiredService<ISqlDialect>().Paging;

        var page = await WithSession(async (session, db) => (await db.QueryAsync<string>(session.Command(
            "SELECT note FROM test_value ORDER BY day" + paging, new { Offset = 2, Limit = 2 }, Ct))).ToList());

        Assert.Equal(["day 3", "day 4"], page);
    }

    [Fact]
    public async Task Migrating_again_changes_nothing_and_every_module_table_exists()
    {
        await fixture.StartAsync();

        await fixture.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct);

        foreach (var table in new[] { "identity_user", "hiring_candidate", "advocacy_advocate", "advocacy_activity", "metrics_observation", "workflow_definition" })
        {
            Assert.Equal(0, await WithSession(async (session, db) => await db.ExecuteScalarAsync<int>(session.Command($"SELECT COUNT(*) FROM {table}", null, Ct))));
        }
    }

    [Fact]
    public async Task Concurrent_writes_through_the_gate_all_land_and_one_that_fails_rolls_back_alone()
    {
        await fixture.StartAsync();
        var gate = fixture.Services.GetRequiredService<WriteGate>();
        var rows = Enumerable.Range(1, 40).Select(i => new Row(Guid.CreateVersion7(), DateTimeOffset.UnixEpoch, new DateOnly(2026, 1, 1), false, i, null)).ToList();

        var writes = rows.Select(row => Task.Run(() => gate.WriteAsync(async (db, transaction, token) =>
        {
            await db.ExecuteAsync(new CommandDefinition(Insert, row, transaction, cancellationToken: token));
            return row.Position % 10 == 0 ? throw new InvalidOperationException($"refused {row.Position}") : row.Position;
        }, Ct), Ct)).ToList();
        var outcomes = await Task.WhenAll(writes.Select(async write =>
        {
            try
            {
                return (await write).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }));

        Assert.Equal(36, outcomes.Count(outcome => !outcome.StartsWith("refused", StringComparison.Ordinal)));
        Assert.Equal(["refused 10", "refused 20", "refused 30", "refused 40"], outcomes.Where(outcome => outcome.StartsWith("refused", StringComparison.Ordinal)).Order());
        var stored = await WithSession(async (session, db) => (await db.QueryAsync<int>(session.Command("SELECT position FROM test_value", null, Ct))).Order().ToList());
        Assert.Equal(rows.Select(row => row.Position).Where(position => position % 10 != 0), stored);
    }

    protected async Task<T> WithSession<T>(Func<DbSession, DbConnection, Task<T>> work)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        return await work(session, await session.ConnectionAsync(Ct));
    }
}

public sealed class DataLayerTestsOnSqlite(SqliteDatabase fixture) : DataLayerTests(fixture), IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task A_statement_batchs_results_dispose_their_command_with_the_reader()
    {
        await fixture.StartAsync();

        // Asked while the connection is open: closing it disposes its commands anyway. (Npgsql's command raises no Disposed event.)
        var disposedWithReader = await WithSession(async (session, _) =>
        {
            var disposed = false;
            var results = await session.Statements(new { }).ExecuteReaderAsync("SELECT COUNT(*) FROM test_value", new { }, Ct);
            ((DbCommand)((IWrappedDataReader)results.Reader).Command).Disposed += (_, _) => disposed = true;
            await results.DisposeAsync();
            return disposed;
        });

        Assert.True(disposedWithReader);
    }

    [Fact]
    public async Task A_pooled_connection_keeps_its_settings_without_running_them_again()
    {
        await fixture.StartAsync();
        var factory = fixture.Services.GetRequiredService<IDbConnectionFactory>();
        var statements = new List<string>();
        SQLitePCL.sqlite3 first;
        await using (var connection = (SqliteConnection)factory.Create())
        {
            await connection.OpenAsync(Ct);
            first = connection.Handle!;
            SQLitePCL.raw.sqlite3_trace(first, (_, statement) => statements.Add(statement.utf8_to_string()), null);
        }

        await using var again = (SqliteConnection)factory.Create();
        await again.OpenAsync(Ct);
        var opening = statements.ToList();
        SQLitePCL.raw.sqlite3_trace(first, (SQLitePCL.delegate_trace?)null, null);
        var settings = (await again.ExecuteScalarAsync<long>("PRAGMA synchronous"), await again.ExecuteScalarAsync<long>("PRAGMA cache_size"),
            await again.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));

        Assert.Same(first, again.Handle);
        Assert.DoesNotContain(opening, statement => statement.Contains("cache_size", StringComparison.Ordinal));
        // As the factory sets them: NORMAL, 8 MB, 64 MB of 4 KiB pages.
        Assert.Equal((1L, -8192L, 16384L), settings);
    }

    [Fact]
    public async Task Writes_in_sessions_alone_have_the_write_ahead_log_copied_back_and_started_over()
    {
        await fixture.StartAsync();
        var log = new SqliteConnectionStringBuilder(fixture.Database.ConnectionString).DataSource + "-wal";
        var before = LogStarts(log);

        // 4,000 writes of a row are about 32 MB of log, half the size past which a commit checkpoints the log itself.
        for (var round = 0; round < 40 && LogStarts(log) == before; round++)
        {
            for (var i = 0; i < 100; i++)
            {
                var row = new Row(Guid.CreateVersion7(), DateTimeOffset.UnixEpoch, new DateOnly(2026, 1, 1), false, round * 100 + i, null);
                await WithSession(async (session, db) => await session.InTransactionAsync(async token => await db.ExecuteAsync(session.Command(Insert, row, token)), Ct));
            }
            // The gate checkpoints at most once a second.
            await Task.Delay(100, Ct);
        }

        Assert.NotEqual(before, LogStarts(log));
    }

    /// <summary>The checkpoint sequence number in the write-ahead log's header: how often the log started over (SQLite's file format, 4.1).</summary>
    private static uint LogStarts(string log)
    {
        using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[16];
        file.ReadExactly(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
    }
}

public sealed class DataLayerTestsOnPostgres(PostgresDatabase fixture) : DataLayerTests(fixture), IClassFixture<PostgresDatabase>;

public sealed class DataLayerTestsOnSqlServer(SqlServerDatabase fixture) : DataLayerTests(fixture), IClassFixture<SqlServerDatabase>;

public sealed class DatabaseConfigurationTests
{
    [Theory]
    [InlineData("oracle")]
    [InlineData("mysql")]
    public void An_unknown_provider_is_refused_with_the_supported_ones_named(string provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = provider }).Build();

        var error = Assert.Throws<DatabaseConfigurationException>(() => DatabaseOptions.FromConfiguration(configuration));

        Assert.Equal($"Database:Provider '{provider}' is not supported. Use one of: sqlite, postgres, sqlserver.", error.Message);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "postgres" }).Build();

        var error = Assert.Throws<DatabaseConfigurationException>(() => DatabaseOptions.FromConfiguration(configuration));

        Assert.Contains("ConnectionStrings:DevRelHub is empty", error.Message, StringComparison.Ordinal);
    }
}
