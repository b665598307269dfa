using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using PickBot.Slack.Events;

namespace PickBot.Intake;

/// <summary>
/// The intake journal and the event-id dedupe in one local SQLite file (WAL): what was acknowledged survives a crash
/// until it is answered, and a retry Slack sends after a restart is still recognised. WAL with synchronous=NORMAL
/// makes each write durable against a process crash (<c>kill -9</c>) at a fraction of a millisecond; a power cut may
/// lose the last writes. One connection, its statements prepared once, used under a lock: SQLite has one writer
/// anyway, and opening a pooled connection (with its pragma) per write cost four times the write itself.
/// <para>
/// Group commit: every call is queued to one writer loop, which takes all the calls waiting while its last commit ran
/// and runs them in one transaction, each in its own savepoint (so a failing call fails alone), then commits, and only
/// then completes each call. "Acknowledged means durable" holds as before: a caller (the ack) resumes after its own
/// write is committed; under load, concurrent mentions share a commit instead of paying one each.
/// </para>
/// </summary>
public sealed class SqliteIntake : IIntakeJournal, IEventDeduplicator, IDisposable
{
    private const int PruneEvery = 1024;
    private const int MaxBatch = 256;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private SqliteTransaction? _transaction;
    private long _commits;
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
        _writer = Task.Run(WriteLoop);
    }

    public string DatabasePath { get; }

    /// <summary>How many transactions the writer has committed (for tests and benchmarks).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    public ValueTask AddAsync(SlackWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentException.ThrowIfNullOrEmpty(work.JournalId);
        var (kind, json) = JournalCodec.Encode(work);

        // One savepoint: journaled and its event claim confirmed together, so a crash leaves either both or neither.
        return new ValueTask(Enqueue(() =>
        {
            Run(
                "INSERT INTO journal (id, kind, json) VALUES ($id, $kind, $json) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, json = excluded.json",
                ("$id", work.JournalId),
                ("$kind", kind),
                ("$json", json));
            if (work is MentionWork mention)
            {
                Run("UPDATE seen_events SET owner = NULL WHERE event_id = $id", ("$id", mention.EventId));
            }

            return 0;
        }));
    }

    /// <summary>Always true: nobody else answers from a local file.</summary>
    public async ValueTask<bool> MarkAttemptedAsync(string journalId, CancellationToken cancellationToken = default)
    {
        await Execute("UPDATE journal SET attempts = attempts + 1 WHERE id = $id", ("$id", journalId)).ConfigureAwait(false);
        return true;
    }

    public ValueTask RemoveAsync(string journalId, CancellationToken cancellationToken = default) =>
        new(Execute("DELETE FROM journal WHERE id = $id", ("$id", journalId)));

    public async ValueTask<bool> ContainsAsync(string journalId, CancellationToken cancellationToken = default) =>
        await Enqueue(() => Prepare("SELECT 1 FROM journal WHERE id = $id", ("$id", journalId)).ExecuteScalar() is not null ? 1 : 0).ConfigureAwait(false) == 1;

    public async ValueTask<IReadOnlyList<SlackWork>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<SlackWork>();
        await Enqueue(() =>
        {
            items.Clear();
            using var reader = Prepare("SELECT id, kind, json, attempts FROM journal ORDER BY seq").ExecuteReader();
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

            return 0;
        }).ConfigureAwait(false);
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
        var prune = Interlocked.Increment(ref _claims) % PruneEvery == 0;
        var claimed = await Enqueue(() =>
        {
            if (prune)
            {
                Run("DELETE FROM seen_events WHERE expires_ms <= $now", ("$now", now));
            }

            return Prepare(
                """
                INSERT INTO seen_events (event_id, expires_ms, owner) VALUES ($id, $expires, $owner)
                ON CONFLICT (event_id) DO UPDATE SET expires_ms = excluded.expires_ms, owner = excluded.owner
                WHERE seen_events.expires_ms <= $now OR (seen_events.owner IS NOT NULL AND seen_events.owner <> $owner)
                """,
                ("$id", eventId),
                ("$expires", now + (long)_window.TotalMilliseconds),
                ("$now", now),
                ("$owner", _owner)).ExecuteNonQuery();
        }).ConfigureAwait(false);
        return claimed == 1;
    }

    public ValueTask ConfirmAsync(string eventId, CancellationToken cancellationToken = default) =>
        new(Execute("UPDATE seen_events SET owner = NULL WHERE event_id = $id", ("$id", eventId)));

    public ValueTask ForgetAsync(string eventId, CancellationToken cancellationToken = default) =>
        new(Execute("DELETE FROM seen_events WHERE event_id = $id", ("$id", eventId)));

    public void Dispose()
    {
        // What was queued before is still written; the writer then ends and the connection closes.
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
        _connection.Dispose();
    }

    private Task<int> Execute(string sql, params (string Name, object Value)[] parameters) =>
        Enqueue(() => Prepare(sql, parameters).ExecuteNonQuery());

    /// <summary>Queues <paramref name="work"/> for the writer; its task completes after the commit that holds it.</summary>
    internal Task<int> Enqueue(Func<int> work)
    {
        var operation = new Operation(work);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(operation), this);
        return operation.Done.Task;
    }

    /// <summary>
    /// The one writer: all calls waiting, in order, in one transaction with a savepoint each; then the commit; then
    /// each caller is told. Microsoft.Data.Sqlite runs synchronously, and only this loop touches the connection.
    /// </summary>
    private async Task WriteLoop()
    {
        var batch = new List<Operation>(MaxBatch);
        var results = new int[MaxBatch];
        var errors = new Exception?[MaxBatch];
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                using (_transaction = _connection.BeginTransaction())
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        _transaction.Save("op");
                        try
                        {
                            (results[i], errors[i]) = (batch[i].Work(), null);
                            _transaction.Release("op");
                        }
                        catch (SqliteException e)
                        {
                            _transaction.Rollback("op");
                            _transaction.Release("op");
                            errors[i] = e;
                        }
                    }

                    _transaction.Commit();
                }

                Interlocked.Increment(ref _commits);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (errors[i] is { } error)
                    {
                        batch[i].Done.TrySetException(error);
                    }
                    else
                    {
                        batch[i].Done.TrySetResult(results[i]);
                    }
                }
            }
            catch (Exception e)
            {
                // The commit (or the transaction) failed: nothing of the batch is durable, so no caller may go on.
                foreach (var operation in batch)
                {
                    operation.Done.TrySetException(e);
                }
            }
            finally
            {
                _transaction = null;
            }
        }
    }

    private void Run(string sql, params (string Name, object Value)[] parameters) =>
        Prepare(sql, parameters).ExecuteNonQuery();

    /// <summary>The statement for <paramref name="sql"/>, prepared the first time, with these values bound. Writer loop only.</summary>
    private SqliteCommand Prepare(string sql, params (string Name, object Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _prepared[sql] = command;
        }

        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters[name].Value = value;
        }

        return command;
    }

    // Continuations run on the pool, never on the writer loop: a caller's next step must not hold up the next commit.
    private sealed class Operation(Func<int> work)
    {
        public Func<int> Work { get; } = work;

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
