using System.Collections.Concurrent;
using System.Globalization;
using Xunit.Abstractions;

namespace PickBot.Tests.Faults;

/// <summary>
/// The counts of one fault scenario. Printed to the test output and, when PICKBOT_FAULT_REPORT names a file, appended
/// to it (CI prints that file after the tests, so the figures are in every CI log).
/// </summary>
internal sealed class FaultReport(string scenario)
{
    private readonly ConcurrentDictionary<string, byte> _acknowledged = new(StringComparer.Ordinal);
    private int _fiveHundreds;
    private int _votesSent;

    public int Acknowledged => _acknowledged.Count;

    public int FiveHundreds => Volatile.Read(ref _fiveHundreds);

    public IReadOnlyCollection<string> AcknowledgedIds => _acknowledged.Keys.ToList();

    /// <summary>Counts a response: a 2xx acknowledges <paramref name="eventId"/>; a 5xx is counted as one.</summary>
    public void Count(HttpResponseMessage response, string? eventId = null)
    {
        if ((int)response.StatusCode >= 500)
        {
            Interlocked.Increment(ref _fiveHundreds);
        }
        else if (response.IsSuccessStatusCode && eventId is not null)
        {
            _acknowledged.TryAdd(eventId, 0);
        }
    }

    public void VoteSent() => Interlocked.Increment(ref _votesSent);

    /// <summary>Writes the line and returns the figures that must be zero.</summary>
    public (int Lost, int Twice, int VotesLost, int FiveHundreds) Finish(IReadOnlyDictionary<string, int> answers, int votesStored, ITestOutputHelper output)
    {
        var lost = _acknowledged.Keys.Count(id => !answers.ContainsKey(id));
        var twice = answers.Count(a => a.Value > 1);
        var votesLost = _votesSent - votesStored;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"fault suite | {scenario,-38} | {Acknowledged,4} events acknowledged | {lost} lost | {twice} answered twice | {_votesSent,3} votes, {votesLost} lost | {FiveHundreds} responses 5xx");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("PICKBOT_FAULT_REPORT") is { Length: > 0 } file)
        {
            lock (typeof(FaultReport))
            {
                File.AppendAllText(file, line + Environment.NewLine);
            }
        }

        return (lost, twice, votesLost, FiveHundreds);
    }
}
