namespace PickBot.Core.Knowledge;

public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge folder, relative to the content root (the current directory).</summary>
    public string Path { get; set; } = "knowledge";

    /// <summary>
    /// Optional: a folder with one folder per Slack team id, whose entries are added to the shared ones for that team,
    /// or replace a shared entry with the same id. Relative to the content root; outside <see cref="Path"/>.
    /// </summary>
    public string? WorkspacesPath { get; set; }

    /// <summary>Entries not reviewed for longer than this many days are reported as a warning.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 36500)]
    public int ReviewMaxAgeDays { get; set; } = 365;
}
