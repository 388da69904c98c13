namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// An answer that started: the question's and the answer's ids. A refused turn throws instead
/// (<see cref="PlaygroundRefusedException"/>, <see cref="PlaygroundLimitException"/>), with nothing stored.
/// </summary>
public sealed record TurnStart(Guid UserMessageId, Guid AssistantMessageId);
