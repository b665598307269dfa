namespace PickBot.Core.Knowledge;

public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge folder, relative to the content root (the current directory).</summary>
    public string Path { get; set; } = "knowledge";

    /// <summary>Entries not reviewed for longer than this many days are reported as a warning.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 36500)]
    public int ReviewMaxAgeDays { get; set; } = 365;
}
