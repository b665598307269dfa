using System.ComponentModel.DataAnnotations;

namespace PickBot.Feedback;

/// <summary>Where PickBot keeps what must survive a restart (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data folder, relative to the content root (the repository root) unless absolute. Created if missing.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>The SQLite file inside <see cref="DataPath"/>.</summary>
    [Required]
    [RegularExpression(@"^[^/\\]+$", ErrorMessage = "Storage:FeedbackFile is a file name, not a path")]
    public string FeedbackFile { get; set; } = "feedback.db";
}
