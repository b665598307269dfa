using Microsoft.Data.Sqlite;
using PickBot.Slack.Events;

namespace PickBot.Intake;

/// <summary>
/// The intake journal and the event-id dedupe in one local SQLite file (WAL): what was acknowledged survives a crash
/// until it is answered, and a retry Slack sends after a restart is still recognised. WAL with synchronous=NORMAL
/// makes each write durable against a process crash (<c>kill -9</c>) at a fraction of a millisecond; a power cut may
/// lose the last writes. One connection, its statements prepared once, used under a lock: SQLite has one writer
/// anyway, and opening a pooled connection (with its pragma) per write cost four times the write itself.
/// </summary>
public sealed class SqliteIntake : IIntakeJournal, IEventDeduplicator, IDisposable
{
    private const int PruneEvery = 1024;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
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
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30, Pooling = false }.ToString());
        _connection.Open();
        _window = dedupeWindow;
        _time = time;
        _logger = logger;
        using var command = _connection.CreateCommand();

        // synchronous=NORMAL: a commit reaches the OS before it returns (enough for a process crash), without an fsync.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
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

    public ValueTask AddAsync(SlackWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentException.ThrowIfNullOrEmpty(work.JournalId);
        var (kind, json) = JournalCodec.Encode(work);

        // One transaction: journaled and its event claim confirmed together, so a crash leaves either both or neither.
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            Run(
                "INSERT INTO journal (id, kind, json) VALUES ($id, $kind, $json) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, json = excluded.json",
                transaction,
                ("$id", work.JournalId),
                ("$kind", kind),
                ("$json", json));
            if (work is MentionWork mention)
            {
                Run("UPDATE seen_events SET owner = NULL WHERE event_id = $id", transaction, ("$id", mention.EventId));
            }

            transaction.Commit();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Always true: nobody else answers from a local file.</summary>
    public ValueTask<bool> MarkAttemptedAsync(string journalId, CancellationToken cancellationToken = default)
    {
        Execute("UPDATE journal SET attempts = attempts + 1 WHERE id = $id", ("$id", journalId));
        return ValueTask.FromResult(true);
    }

    public ValueTask RemoveAsync(string journalId, CancellationToken cancellationToken = default)
    {
        Execute("DELETE FROM journal WHERE id = $id", ("$id", journalId));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> ContainsAsync(string journalId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Prepare("SELECT 1 FROM journal WHERE id = $id", null, ("$id", journalId)).ExecuteScalar() is not null);
        }
    }

    public ValueTask<IReadOnlyList<SlackWork>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<SlackWork>();
        lock (_gate)
        {
            using var reader = Prepare("SELECT id, kind, json, attempts FROM journal ORDER BY seq", null).ExecuteReader();
            while (reader.Read())
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
        }

        return ValueTask.FromResult<IReadOnlyList<SlackWork>>(items);
    }

    /// <summary>
    /// One statement decides: a new id, an expired one, or one claimed by an earlier process that never confirmed it
    /// (it died before journaling the work) is claimed; a confirmed one, or one in progress here, is a repeat.
    /// </summary>
    public ValueTask<bool> TryBeginAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (Interlocked.Increment(ref _claims) % PruneEvery == 0)
        {
            Execute("DELETE FROM seen_events WHERE expires_ms <= $now", ("$now", now));
        }

        var claimed = Execute(
            """
            INSERT INTO seen_events (event_id, expires_ms, owner) VALUES ($id, $expires, $owner)
            ON CONFLICT (event_id) DO UPDATE SET expires_ms = excluded.expires_ms, owner = excluded.owner
            WHERE seen_events.expires_ms <= $now OR (seen_events.owner IS NOT NULL AND seen_events.owner <> $owner)
            """,
            ("$id", eventId),
            ("$expires", now + (long)_window.TotalMilliseconds),
            ("$now", now),
            ("$owner", _owner));
        return ValueTask.FromResult(claimed == 1);
    }

    public ValueTask ConfirmAsync(string eventId, CancellationToken cancellationToken = default)
    {
        Execute("UPDATE seen_events SET owner = NULL WHERE event_id = $id", ("$id", eventId));
        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        Execute("DELETE FROM seen_events WHERE event_id = $id", ("$id", eventId));
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var command in _prepared.Values)
            {
                command.Dispose();
            }

            _prepared.Clear();
            _connection.Dispose();
        }
    }

    // Synchronous on purpose: Microsoft.Data.Sqlite runs its async methods synchronously, and the lock keeps the one
    // connection to one caller at a time.
    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            return Prepare(sql, null, parameters).ExecuteNonQuery();
        }
    }

    private void Run(string sql, SqliteTransaction transaction, params (string Name, object Value)[] parameters) =>
        Prepare(sql, transaction, parameters).ExecuteNonQuery();

    /// <summary>The statement for <paramref name="sql"/>, prepared the first time, with these values bound. Call under the lock.</summary>
    private SqliteCommand Prepare(string sql, SqliteTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _prepared[sql] = command;
        }

        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters[name].Value = value;
        }

        return command;
    }
}
