using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PickBot.Core.Answers;
using PickBot.Core.Conversations;
using PickBot.Slack.Conversations;

namespace PickBot.Feedback;

/// <summary>
/// Thread memory in the feedback database (its own table): one row per thread, replaced on every answer, read only
/// while younger than Slack:ThreadMemoryDays. Expired rows, and the oldest beyond Slack:ThreadMemoryMaxThreads, are
/// deleted now and then as answers are saved.
/// </summary>
public sealed class SqliteThreadMemoryStore : IThreadMemoryStore
{
    /// <summary>Saves between two clean-ups: pruning on every answer would cost more than the rows it saves.</summary>
    private const int PruneEvery = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _connectionString;
    private readonly IOptions<SlackConversationOptions> _options;
    private readonly TimeProvider _time;
    private int _saves = -1;

    public SqliteThreadMemoryStore(string databasePath, IOptions<SlackConversationOptions> options, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _options = options;
        _time = time;
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS thread_memory (
                conversation TEXT PRIMARY KEY,
                entry_id TEXT NOT NULL,
                phrases TEXT NOT NULL,
                last_answer_ts TEXT NULL,
                updated_unix_ms INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS thread_memory_updated ON thread_memory (updated_unix_ms);
            """;
        command.ExecuteNonQuery();
    }

    public async Task<ThreadMemory?> GetAsync(string conversation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversation);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT entry_id, phrases, last_answer_ts, updated_unix_ms FROM thread_memory
            WHERE conversation = $conversation AND updated_unix_ms > $oldest
            """;
        command.Parameters.AddWithValue("$conversation", conversation);
        command.Parameters.AddWithValue("$oldest", Oldest());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ThreadMemory(
            conversation,
            reader.GetString(0),
            JsonSerializer.Deserialize<List<Attribution>>(reader.GetString(1), Json) ?? [],
            reader.IsDBNull(2) ? null : reader.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
    }

    public async Task SaveAsync(ThreadMemory memory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        await using var connection = Open();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT OR REPLACE INTO thread_memory (conversation, entry_id, phrases, last_answer_ts, updated_unix_ms)
                VALUES ($conversation, $entry, $phrases, $ts, $ms)
                """;
            command.Parameters.AddWithValue("$conversation", memory.Conversation);
            command.Parameters.AddWithValue("$entry", memory.EntryId);
            command.Parameters.AddWithValue("$phrases", JsonSerializer.Serialize(memory.Phrases, Json));
            command.Parameters.AddWithValue("$ts", (object?)memory.LastAnswerTs ?? DBNull.Value);
            command.Parameters.AddWithValue("$ms", memory.UpdatedAt.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (Interlocked.Increment(ref _saves) % PruneEvery == 0)
        {
            await PruneAsync(connection, cancellationToken);
        }
    }

    /// <summary>Rows in the table, expired or not: for tests of the bound.</summary>
    internal async Task<long> CountAsync()
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM thread_memory";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task PruneAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM thread_memory WHERE updated_unix_ms <= $oldest;
            DELETE FROM thread_memory WHERE conversation IN (
                SELECT conversation FROM thread_memory ORDER BY updated_unix_ms DESC LIMIT -1 OFFSET $max);
            """;
        command.Parameters.AddWithValue("$oldest", Oldest());
        command.Parameters.AddWithValue("$max", _options.Value.ThreadMemoryMaxThreads);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private long Oldest() => (_time.GetUtcNow() - _options.Value.ThreadMemoryAge).ToUnixTimeMilliseconds();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
