namespace Grimoire.Llm.Wire;

/// <summary>How every provider call is made: the retry rule, the wait for headers, and the clock.</summary>
internal sealed record HttpCallSettings(RetryOptions Retry, TimeSpan HeadersTimeout, TimeProvider Time);
