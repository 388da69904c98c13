namespace Grimoire.Core.Playground;

/// <summary>Bound from <c>Grimoire:Playground</c>.</summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Grimoire:Playground";

    /// <summary>Messages a student may send per minute, on average (token bucket refill rate). 0 turns the limit off.</summary>
    public int TurnsPerMinute { get; set; } = 20;

    /// <summary>Messages a student may send in a quick burst (bucket size).</summary>
    public int TurnBurst { get; set; } = 5;

    /// <summary>How often a growing answer is saved while it streams (never per token).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
