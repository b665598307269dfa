using Microsoft.Data.Sqlite;
using PickBot.Feedback;

namespace PickBot.Redis;

/// <summary>
/// The local SQLite store for votes and unanswered questions written while Redis was down: kept on disk until the resync
/// loop has written them to Redis (idempotently, by id), then removed. A restart in between loses nothing.
/// </summary>
public sealed class PendingFeedback
{
    public const string Vote = "vote";
    public const string Unanswered = "unanswered";

    private readonly string _connectionString;

    public PendingFeedback(string databasePath)
    {
        _connectionString = SqliteFile.Create(databasePath, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS pending (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                json TEXT NOT NULL,
                UNIQUE (kind, id)
            );
            """);
    }

    public async Task AddAsync(string kind, string id, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO pending (kind, id, json) VALUES ($kind, $id, $json)";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$json", json);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PendingItem>> ReadAsync(string? kind = null, int max = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, kind, id, json FROM pending WHERE $kind IS NULL OR kind = $kind ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$kind", (object?)kind ?? DBNull.Value);
        command.Parameters.AddWithValue("$max", max);
        var items = new List<PendingItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new PendingItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return items;
    }

    public async Task RemoveAsync(long seq, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM pending WHERE seq = $seq";
        command.Parameters.AddWithValue("$seq", seq);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>One vote or question waiting for Redis.</summary>
public sealed record PendingItem(long Seq, string Kind, string Id, string Json);
