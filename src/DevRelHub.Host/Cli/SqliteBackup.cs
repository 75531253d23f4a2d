using DevRelHub.Data;
using Microsoft.Data.Sqlite;

namespace DevRelHub.Host.Cli;

/// <summary>
/// Online backup and restore of the SQLite database with SQLite's backup API: the copy is taken page by page in one
/// read transaction, so hosts keep serving and writing (WAL) while it runs, and it is consistent to that moment.
/// </summary>
internal static class SqliteBackup
{
    private const string IsDevRelHub = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'VersionInfo'";

    /// <summary>Copies the live database into <paramref name="target"/>, a file that must not exist yet, and checks the copy.</summary>
    public static async Task<long> BackupAsync(DatabaseOptions database, string target)
    {
        if (File.Exists(target))
        {
            throw new BackupException($"{target} already exists; back up into a new file.");
        }
        await using var source = new SqliteConnection(database.ConnectionString);
        await source.OpenAsync();
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString))
        {
            await copy.OpenAsync();
            source.BackupDatabase(copy);
            await CheckAsync(copy, target);
        }
        return new FileInfo(target).Length;
    }

    /// <summary>Replaces the configured database's contents with those of <paramref name="backup"/>, after checking it is a sound DevRel Hub database.</summary>
    public static async Task RestoreAsync(DatabaseOptions database, string backup)
    {
        if (!File.Exists(backup))
        {
            throw new BackupException($"{backup} does not exist.");
        }
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await source.OpenAsync();
        await CheckAsync(source, backup);
        await using var target = new SqliteConnection(database.ConnectionString);
        await target.OpenAsync();
        source.BackupDatabase(target);
    }

    private static async Task CheckAsync(SqliteConnection connection, string file)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = IsDevRelHub;
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                throw new BackupException($"{file} is not a DevRel Hub database: it has no migration history.");
            }
            command.CommandText = "PRAGMA integrity_check";
            if (await command.ExecuteScalarAsync() is not "ok")
            {
                throw new BackupException($"{file} failed SQLite's integrity check.");
            }
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{file} is not a SQLite database SQLite can read ({e.Message}).");
        }
    }
}

/// <summary>A backup or restore that cannot be done, with the sentence that says why.</summary>
internal sealed class BackupException(string message) : Exception(message);
