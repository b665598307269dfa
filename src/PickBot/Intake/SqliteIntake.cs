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
    // Claims not yet confirmed carry the process that made them: one left by a process that died before journaling
    // the work is stale, and the next delivery takes it over instead of being acked as a duplicate and lost.
    private readonly string _owner = Guid.NewGuid().ToString("N");
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
                expires_ms INTEGER NOT NULL,
                owner TEXT NULL
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

        // One transaction: journaled and its event claim confirmed together, so a crash leaves either both or neither.
        await using var connection = Open();
        await using var transaction = connection.BeginTransaction();
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO journal (id, kind, json) VALUES ($id, $kind, $json) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, json = excluded.json";
            insert.Parameters.AddWithValue("$id", work.JournalId);
            insert.Parameters.AddWithValue("$kind", kind);
            insert.Parameters.AddWithValue("$json", json);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (work is MentionWork mention)
        {
            await using var confirm = connection.CreateCommand();
            confirm.CommandText = "UPDATE seen_events SET owner = NULL WHERE event_id = $event";
            confirm.Parameters.AddWithValue("$event", mention.EventId);
            await confirm.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
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

    /// <summary>
    /// One statement decides: a new id, an expired one, or one claimed by an earlier process that never confirmed it
    /// (it died before journaling the work) is claimed; a confirmed one, or one in progress here, is a repeat.
    /// </summary>
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
            INSERT INTO seen_events (event_id, expires_ms, owner) VALUES ($id, $expires, $owner)
            ON CONFLICT (event_id) DO UPDATE SET expires_ms = excluded.expires_ms, owner = excluded.owner
            WHERE seen_events.expires_ms <= $now OR (seen_events.owner IS NOT NULL AND seen_events.owner <> $owner)
            """,
            cancellationToken,
            ("$id", eventId),
            ("$expires", now + (long)_window.TotalMilliseconds),
            ("$now", now),
            ("$owner", _owner));
        return claimed == 1;
    }

    public async ValueTask ConfirmAsync(string eventId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE seen_events SET owner = NULL WHERE event_id = $id", cancellationToken, ("$id", eventId));

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
