namespace Grimoire.Core.Playground.Messages;

/// <summary>What an answer is asked of: the course model and the parameters sent (recorded on the message).</summary>
public sealed record AnswerRequest(string Provider, string Model, Guid? ModelConfigId, string? ParametersJson);
