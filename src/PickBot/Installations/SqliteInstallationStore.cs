using System.Globalization;
using Microsoft.Data.Sqlite;
using PickBot.Feedback;
using PickBot.Slack.Installations;

namespace PickBot.Installations;

/// <summary>
/// Installations in a SQLite file under the data folder, one row per key. The ids are plain (to find and list rows);
/// everything else, tokens included, is one Data Protection blob (<see cref="InstallationProtector"/>).
/// </summary>
public sealed class SqliteInstallationStore : IInstallationStore
{
    private readonly string _connectionString;
    private readonly InstallationProtector _protector;

    public SqliteInstallationStore(string databasePath, InstallationProtector protector)
    {
        _protector = protector;
        _connectionString = SqliteFile.Create(databasePath, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS installations (
                key TEXT PRIMARY KEY,
                team_id TEXT NULL,
                enterprise_id TEXT NULL,
                protected TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            """);
    }

    public async Task<SlackInstallation?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT protected FROM installations WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is string stored ? _protector.Unprotect(stored) : null;
    }

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO installations (key, team_id, enterprise_id, protected, updated_at) VALUES ($key, $team, $enterprise, $protected, $at)
            ON CONFLICT (key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, protected = excluded.protected, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$key", installation.Key);
        command.Parameters.AddWithValue("$team", (object?)installation.TeamId ?? DBNull.Value);
        command.Parameters.AddWithValue("$enterprise", (object?)installation.EnterpriseId ?? DBNull.Value);
        command.Parameters.AddWithValue("$protected", _protector.Protect(installation));
        command.Parameters.AddWithValue("$at", installation.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM installations WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<SlackInstallation>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT protected FROM installations ORDER BY key";
        var installations = new List<SlackInstallation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            installations.Add(_protector.Unprotect(reader.GetString(0)));
        }

        return installations;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
