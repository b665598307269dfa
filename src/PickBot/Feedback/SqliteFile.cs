using Microsoft.Data.Sqlite;

namespace PickBot.Feedback;

/// <summary>A small SQLite file of PickBot's own: its folder made, opened for writing, its schema applied.</summary>
internal static class SqliteFile
{
    /// <returns>The connection string for the file, once <paramref name="schema"/> has run on it.</returns>
    public static string Create(string databasePath, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = schema;
        command.ExecuteNonQuery();
        return connectionString;
    }
}
