using System.Globalization;
using Microsoft.Data.Sqlite;
using PickBot.Core.Feedback;

namespace PickBot.Feedback;

/// <summary>
/// Votes and unanswered questions in one SQLite file. Tables are created on open; a vote is inserted once per id, so a
/// click Slack delivers twice is stored once; WAL lets the admin pages read while the bot writes.
/// </summary>
public sealed class SqliteFeedbackStore : IFeedbackStore
{
    private readonly string _connectionString;

    public SqliteFeedbackStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS votes (
                id TEXT PRIMARY KEY,
                question TEXT NOT NULL,
                entry_id TEXT NULL,
                pick_id TEXT NULL,
                helpful INTEGER NOT NULL,
                user_id TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                at TEXT NOT NULL,
                at_unix_ms INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS votes_at ON votes (at_unix_ms);
            CREATE TABLE IF NOT EXISTS unanswered (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                question TEXT NOT NULL,
                user_id TEXT NULL,
                channel_id TEXT NULL,
                origin TEXT NOT NULL,
                at TEXT NOT NULL,
                at_unix_ms INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at_unix_ms);
            """);
    }

    public string DatabasePath { get; }

    public async Task RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vote);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO votes (id, question, entry_id, pick_id, helpful, user_id, channel_id, at, at_unix_ms)
            VALUES ($id, $question, $entry, $pick, $helpful, $user, $channel, $at, $ms)
            """;
        command.Parameters.AddWithValue("$id", vote.Id);
        command.Parameters.AddWithValue("$question", vote.Question);
        command.Parameters.AddWithValue("$entry", (object?)vote.EntryId ?? DBNull.Value);
        command.Parameters.AddWithValue("$pick", (object?)vote.PickId ?? DBNull.Value);
        command.Parameters.AddWithValue("$helpful", vote.Helpful ? 1 : 0);
        command.Parameters.AddWithValue("$user", vote.UserId);
        command.Parameters.AddWithValue("$channel", vote.ChannelId);
        command.Parameters.AddWithValue("$at", vote.At.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$ms", vote.At.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordUnansweredAsync(UnansweredQuestion question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO unanswered (question, user_id, channel_id, origin, at, at_unix_ms)
            VALUES ($question, $user, $channel, $origin, $at, $ms)
            """;
        command.Parameters.AddWithValue("$question", question.Question);
        command.Parameters.AddWithValue("$user", (object?)question.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("$channel", (object?)question.ChannelId ?? DBNull.Value);
        command.Parameters.AddWithValue("$origin", question.Origin);
        command.Parameters.AddWithValue("$at", question.At.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$ms", question.At.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Vote>> VotesAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, question, entry_id, pick_id, helpful, user_id, channel_id, at FROM votes
            WHERE at_unix_ms >= $since ORDER BY at_unix_ms, id
            """;
        command.Parameters.AddWithValue("$since", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
        var votes = new List<Vote>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            votes.Add(new Vote(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt64(4) != 0,
                reader.GetString(5),
                reader.GetString(6),
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return votes;
    }

    public async Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT question, user_id, channel_id, origin, at FROM unanswered
            WHERE at_unix_ms >= $since ORDER BY at_unix_ms, seq
            """;
        command.Parameters.AddWithValue("$since", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
        var questions = new List<UnansweredQuestion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            questions.Add(new UnansweredQuestion(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return questions;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
