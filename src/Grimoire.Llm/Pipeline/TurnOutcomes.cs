namespace Grimoire.Llm.Pipeline;

/// <summary>The <c>status</c> label of <c>grimoire.llm.turns.finished</c>: how a provider call ended.</summary>
public static class TurnOutcomes
{
    public const string Complete = "complete";
    public const string Truncated = "truncated";
    public const string Filtered = "filtered";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
}
