namespace Grimoire.Core.Courses;

/// <summary>How expensive a model is, as shown to students next to its name.</summary>
public enum CostTier
{
    Free = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}
