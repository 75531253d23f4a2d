using FluentMigrator;

namespace DevRelHub.Migrations.Hiring;

/// <summary>
/// PostgreSQL keeps no statistics of which opening an application belongs to, so that the board's prepared query is
/// planned once per connection. With them, one opening far larger than the others (a busy role beside new ones; the
/// load harness: 3,000 applications beside two) gave the prepared statement's generic plan an estimate of a third of
/// the table and a hash join over every candidate, costlier than a plan for the small opening asked about, so
/// PostgreSQL planned the board again on every call: 0.42 ms of planning for 0.05 ms of execution, a fifth of the
/// database's time under the load harness (pg_stat_statements). Without them every opening is estimated alike, and the
/// generic plan, an index scan of the opening's applications joined to their candidates by key, serves small and
/// large openings (BoardPlanTests). ANALYZE leaves figures it gathered before this migration in place, so a database
/// analysed earlier plans as it did until a superuser deletes them from pg_statistic. SQLite and SQL Server plan the
/// board as they did.
/// </summary>
[Migration(202612070001, "Hiring: PostgreSQL plans the board once, with no statistics of applications by opening")]
public sealed class M202612070001_PlanBoardsOnce : Migration
{
    private static readonly string[] Postgres = ["Postgres", "PostgreSQL", "Postgres15_0"];

    public override void Up() =>
        IfDatabase(Postgres).Execute.Sql("ALTER TABLE hiring_application ALTER COLUMN opening_id SET STATISTICS 0");

    public override void Down() =>
        IfDatabase(Postgres).Execute.Sql("ALTER TABLE hiring_application ALTER COLUMN opening_id SET STATISTICS -1");
}
