using Dapper;
using Npgsql;

namespace DevRelHub.Data.Tests;

/// <summary>
/// PostgreSQL plans the hiring board's query once per connection, however unequal the openings' sizes
/// (M202612070001_PlanBoardsOnce): one large opening (3,000 applications) beside small ones must not make it plan the
/// board of a small one again on every call.
/// </summary>
public sealed class BoardPlanTests(PostgresDatabase fixture) : IClassFixture<PostgresDatabase>
{
    private const string Board = """
        SELECT a.id, a.stage, c.full_name, c.email, o.title
        FROM hiring_application a
        JOIN hiring_candidate c ON c.id = a.candidate_id
        JOIN hiring_opening o ON o.id = a.opening_id
        WHERE a.opening_id = $1 ORDER BY a.stage_entered_at, a.id
        """;

    [Fact]
    public async Task The_board_of_a_small_opening_beside_a_large_one_keeps_its_generic_plan_after_five_calls()
    {
        await fixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var db = new NpgsqlConnection(fixture.Database.ConnectionString);
        await db.OpenAsync(ct);
        var large = await OpeningAsync(db, "Developer Advocate", 3_000);
        var small = await OpeningAsync(db, "Senior Developer Advocate", 2);
        await OpeningAsync(db, "Developer Advocate, EMEA", 2);
        await db.ExecuteAsync("ANALYZE hiring_application; ANALYZE hiring_candidate; ANALYZE hiring_opening");

        await using var board = new NpgsqlCommand(Board, db) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = small } } };
        await board.PrepareAsync(ct);
        var sizes = new List<int>();
        for (var call = 0; call < 10; call++)
        {
            ((NpgsqlParameter<Guid>)board.Parameters[0]).TypedValue = call == 9 ? large : small;
            await using var rows = await board.ExecuteReaderAsync(ct);
            var size = 0;
            while (await rows.ReadAsync(ct))
            {
                size++;
            }
            sizes.Add(size);
        }
        var (generic, custom) = await db.QuerySingleAsync<(long, long)>("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE NOT from_sql");

        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 2, 2, 3_000], sizes);
        Assert.Equal(5, custom);
        Assert.Equal(5, generic);
    }

    private static async Task<Guid> OpeningAsync(NpgsqlConnection db, string title, int applications)
    {
        var opening = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await db.ExecuteAsync("INSERT INTO hiring_opening (id, title, level, is_open, created_at) VALUES (@Opening, @Title, 'DeveloperAdvocate', true, @Now)",
            new { Opening = opening, Title = title, Now = now });
        var candidates = Enumerable.Range(0, applications).Select(_ => Guid.CreateVersion7()).ToArray();
        await db.ExecuteAsync("""
            INSERT INTO hiring_candidate (id, full_name, email, created_at)
            SELECT id, 'Candidate ' || id, id || '@example.com', @Now FROM unnest(@Candidates) AS id;
            INSERT INTO hiring_application (id, candidate_id, opening_id, instance_id, stage, stage_entered_at, status, created_at)
            SELECT gen_random_uuid(), id, @Opening, gen_random_uuid(), 'Screening call', @Now, 'Active', @Now FROM unnest(@Candidates) AS id
            """, new { Candidates = candidates, Opening = opening, Now = now });
        return opening;
    }
}
