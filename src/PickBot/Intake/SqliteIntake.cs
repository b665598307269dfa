using Microsoft.Data.Sqlite;
using PickBot.Slack.Events;

namespace PickBot.Intake;

/// <summary>
/// The intake journal and the event-id dedupe in one local SQLite file (WAL): what was acknowledged survives a crash
/// until it is answered, and a retry Slack sends after a restart is still recognised. WAL with synchronous=NORMAL
/// makes each write durable against a process crash (<c>kill -9</c>) at a fraction of a millisecond; a power cut may
/// lose the last writes.
/// </summary>
public sealed class SqliteIntake : IIntakeJournal, IEventDeduplicator
{
    private const int PruneEvery = 1024;

    private readonly string _connectionString;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteIntake> _logger;
    private int _claims;

    public SqliteIntake(string databasePath, TimeSpan dedupeWindow, TimeProvider time, ILogger<SqliteIntake> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var full = Path.GetFullPath(databasePath);
        DatabasePath = full;
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        _window = dedupeWindow;
        _time = time;
        _logger = logger;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS journal (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                json TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE IF NOT EXISTS seen_events (
                event_id TEXT PRIMARY KEY,
                expires_ms INTEGER NOT NULL
            ) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }

    public string DatabasePath { get; }

    public async ValueTask AddAsync(SlackWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentException.ThrowIfNullOrEmpty(work.JournalId);
        var (kind, json) = JournalCodec.Encode(work);
        await ExecuteAsync(
            "INSERT INTO journal (id, kind, json) VALUES ($id, $kind, $json) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, json = excluded.json",
            cancellationToken,
            ("$id", work.JournalId),
            ("$kind", kind),
            ("$json", json));
    }

    /// <summary>Always true: nobody else answers from a local file.</summary>
    public async ValueTask<bool> MarkAttemptedAsync(string journalId, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync("UPDATE journal SET attempts = attempts + 1 WHERE id = $id", cancellationToken, ("$id", journalId));
        return true;
    }

    public async ValueTask RemoveAsync(string journalId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("DELETE FROM journal WHERE id = $id", cancellationToken, ("$id", journalId));

    public async ValueTask<bool> ContainsAsync(string journalId, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM journal WHERE id = $id";
        command.Parameters.AddWithValue("$id", journalId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async ValueTask<IReadOnlyList<SlackWork>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, kind, json, attempts FROM journal ORDER BY seq";
        var items = new List<SlackWork>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (JournalCodec.Decode(id, reader.GetString(1), reader.GetString(2), reader.GetInt32(3)) is { } work)
            {
                items.Add(work);
            }
            else
            {
                _logger.LogError("Intake journal entry {Id} of unknown kind {Kind} skipped", id, reader.GetString(1));
            }
        }

        return items;
    }

    /// <summary>One statement decides: a new id, or an expired one, is claimed; a live one is a repeat.</summary>
    public async ValueTask<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (Interlocked.Increment(ref _claims) % PruneEvery == 0)
        {
            await ExecuteAsync("DELETE FROM seen_events WHERE expires_ms <= $now", CancellationToken.None, ("$now", now));
        }

        var claimed = await ExecuteAsync(
            """
            INSERT INTO seen_events (event_id, expires_ms) VALUES ($id, $expires)
            ON CONFLICT (event_id) DO UPDATE SET expires_ms = excluded.expires_ms WHERE seen_events.expires_ms <= $now
            """,
            cancellationToken,
            ("$id", eventId),
            ("$expires", now + (long)_window.TotalMilliseconds),
            ("$now", now));
        return claimed == 1;
    }

    public async ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("DELETE FROM seen_events WHERE event_id = $id", cancellationToken, ("$id", eventId));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // Per connection: a commit reaches the OS before it returns (enough for a process crash), without an fsync each.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL";
        command.ExecuteNonQuery();
        return connection;
    }
}
