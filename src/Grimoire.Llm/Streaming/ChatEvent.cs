namespace Grimoire.Llm.Streaming;

/// <summary>
/// One event of a provider-neutral chat stream. A stream starts with <see cref="RequestSent"/> and ends with exactly
/// one <see cref="Finished"/> or <see cref="Failed"/>; consumers never branch on the provider.
/// </summary>
public abstract record ChatEvent;
