using System.ComponentModel.DataAnnotations;

namespace PickBot.LiveKnowledge;

/// <summary>Watching the knowledge folder for edits (configuration section <c>Knowledge:Watch</c>).</summary>
public sealed class KnowledgeWatchOptions
{
    public const string SectionName = "Knowledge:Watch";

    /// <summary>Reload when a knowledge file changes. Off, knowledge changes only with <c>/pick reload</c> or a restart.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long the folder must be quiet before a reload: editors and <c>git pull</c> write several files in quick
    /// succession, and one reload after the last write sees them all.
    /// </summary>
    [Range(10, 60_000)]
    public int DebounceMilliseconds { get; set; } = 500;
}
