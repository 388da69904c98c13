namespace Grimoire.Core.Courses.Admin;

/// <summary>What the instructor says about a model on the allowlist (AC2.1); the rest is the catalogue's snapshot.</summary>
/// <param name="DisplayName">The name students see in the model picker.</param>
/// <param name="PrivacyNotes">What happens to prompts, e.g. "Provider may retain prompts for 30 days".</param>
/// <param name="HostingRegion">Where it runs, e.g. "EU" or "US".</param>
/// <param name="CostTier">Shown to students next to the name; suggested from the price by <see cref="CostTiers.Suggest"/>.</param>
public sealed record CourseModelDetails(string DisplayName, string PrivacyNotes, string HostingRegion, CostTier CostTier)
{
    public const int DisplayNameMaxLength = 200;
    public const int HostingRegionMaxLength = 100;
    public const int PrivacyNotesMaxLength = 4000;

    internal List<string> Check()
    {
        var problems = new List<string>();
        var name = (DisplayName ?? "").Trim();
        if (name.Length == 0)
        {
            problems.Add("A model needs a display name: it is what students see in the picker.");
        }
        else if (name.Length > DisplayNameMaxLength)
        {
            problems.Add($"The display name may have at most {DisplayNameMaxLength} characters.");
        }

        if ((HostingRegion ?? "").Trim().Length > HostingRegionMaxLength)
        {
            problems.Add($"The hosting region may have at most {HostingRegionMaxLength} characters.");
        }

        if ((PrivacyNotes ?? "").Trim().Length > PrivacyNotesMaxLength)
        {
            problems.Add($"The privacy notes may have at most {PrivacyNotesMaxLength:N0} characters.");
        }

        if (!Enum.IsDefined(CostTier))
        {
            problems.Add("Choose a cost tier: free, low, medium or high.");
        }

        return problems;
    }

    internal void ApplyTo(CourseModelConfig target)
    {
        target.DisplayName = DisplayName.Trim();
        target.PrivacyNotes = (PrivacyNotes ?? "").Trim();
        target.HostingRegion = (HostingRegion ?? "").Trim();
        target.CostTier = CostTier;
    }
}

/// <summary>Which way a model moves in the student's picker.</summary>
public enum MoveDirection
{
    Up,
    Down,
}
