using Grimoire.Core.Courses;

namespace Grimoire.Core.Demo;

/// <summary>The demo course's people and models (reserved <c>.test</c> addresses: they can never receive mail).</summary>
public static class DemoData
{
    public const string CourseCode = "DEMO-101";

    public const string Domain = "demo.grimoire.test";

    public const string DefaultSystemPrompt =
        "You are a patient teaching assistant for a university course on language models. " +
        "Explain your reasoning, say when you are unsure, and ask a question back when the student's request is ambiguous.";

    /// <summary>Role null means site admin (not enrolled).</summary>
    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("admin@" + Domain, "Jordan Admin", "Jordan", null),
        new("instructor@" + Domain, "Dr. Morgan Lee", "Morgan", CourseRole.Instructor),
        new("alex@" + Domain, "Alex Rivera", "Alex", CourseRole.Student),
        new("priya@" + Domain, "Priya Sharma", "Priya", CourseRole.Student),
        new("sam@" + Domain, "Sam Okafor", "Sam", CourseRole.Student),
    ];

    /// <summary>Fresh model rows for the demo course; ids match the simulated provider's catalogue.</summary>
    public static IEnumerable<CourseModelConfig> Models()
    {
        yield return new CourseModelConfig
        {
            Provider = "simulated",
            ModelId = "simulated/thinker",
            DisplayName = "Simulated Thinker",
            SortOrder = 0,
            PrivacyNotes = "Runs inside Grimoire; nothing leaves the server.",
            HostingRegion = "Local (offline)",
            CostTier = CostTier.Medium,
            SupportsThinking = true,
            ThinkingControl = ThinkingControl.Budget,
            AllowsTemperatureWithThinking = false,
            ContextLength = 200_000,
            MaxOutputTokens = 32_000,
            InputPricePerMillion = 3m,
            OutputPricePerMillion = 15m,
        };
        yield return new CourseModelConfig
        {
            Provider = "simulated",
            ModelId = "simulated/swift",
            DisplayName = "Simulated Swift",
            SortOrder = 1,
            PrivacyNotes = "Runs inside Grimoire; nothing leaves the server.",
            HostingRegion = "Local (offline)",
            CostTier = CostTier.Low,
            ContextLength = 128_000,
            MaxOutputTokens = 16_000,
            InputPricePerMillion = 0.15m,
            OutputPricePerMillion = 0.6m,
        };
        yield return new CourseModelConfig
        {
            Provider = "simulated",
            ModelId = "simulated/vision",
            DisplayName = "Simulated Vision",
            SortOrder = 2,
            PrivacyNotes = "Runs inside Grimoire; nothing leaves the server.",
            HostingRegion = "Local (offline)",
            CostTier = CostTier.High,
            SupportsVision = true,
            SupportsFiles = true,
            ContextLength = 128_000,
            MaxOutputTokens = 8_000,
            InputPricePerMillion = 1.25m,
            OutputPricePerMillion = 5m,
        };
    }
}
