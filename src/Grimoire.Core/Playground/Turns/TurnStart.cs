namespace Grimoire.Core.Playground.Turns;

/// <summary>The outcome of asking for an answer: started (with the messages' ids) or refused (with why).</summary>
public sealed record TurnStart(Guid? UserMessageId, Guid? AssistantMessageId, string? Refusal)
{
    public bool Started => Refusal is null;

    public static TurnStart Refused(string reason) => new(null, null, reason);
}
