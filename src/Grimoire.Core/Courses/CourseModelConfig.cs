namespace Grimoire.Core.Courses;

/// <summary>
/// One model on a course's allowlist (AC2.1, AC2.2). Capabilities and prices are a snapshot taken from the
/// provider's catalogue when the model was added or refreshed, so the course keeps working when the catalogue is down.
/// </summary>
public sealed class CourseModelConfig
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CourseId { get; set; }

    public Course? Course { get; set; }

    /// <summary>Provider kind: "openrouter", "anthropic", "openai-compatible" or "simulated".</summary>
    public required string Provider { get; set; }

    /// <summary>The provider's model id, e.g. "anthropic/claude-sonnet-4.5".</summary>
    public required string ModelId { get; set; }

    public required string DisplayName { get; set; }

    public bool IsEnabled { get; set; } = true;

    /// <summary>Position in the student's model picker (ascending).</summary>
    public int SortOrder { get; set; }

    public string PrivacyNotes { get; set; } = "";

    public string HostingRegion { get; set; } = "";

    public CostTier CostTier { get; set; }

    public bool SupportsThinking { get; set; }

    public ThinkingControl ThinkingControl { get; set; }

    public bool SupportsVision { get; set; }

    public bool SupportsFiles { get; set; }

    /// <summary>False where the provider forbids setting temperature while thinking is on (AC1.5).</summary>
    public bool AllowsTemperatureWithThinking { get; set; } = true;

    public int? ContextLength { get; set; }

    public int? MaxOutputTokens { get; set; }

    /// <summary>USD per million input tokens at snapshot time.</summary>
    public decimal? InputPricePerMillion { get; set; }

    /// <summary>USD per million output tokens (thinking is billed as output) at snapshot time.</summary>
    public decimal? OutputPricePerMillion { get; set; }

    public DateTime? CatalogueSnapshotAt { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
