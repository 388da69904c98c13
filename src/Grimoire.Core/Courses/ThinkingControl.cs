namespace Grimoire.Core.Courses;

/// <summary>How a model's thinking is dialled: not at all, by a token budget, or by an effort level.</summary>
public enum ThinkingControl
{
    None = 0,
    Budget = 1,
    Effort = 2,
}
