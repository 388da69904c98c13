namespace Grimoire.Llm.Wire;

/// <summary>The one retry allowed before the first token (configuration <c>Grimoire:Providers:Retry</c>).</summary>
public sealed class RetryOptions
{
    /// <summary>The longest <c>Retry-After</c> the adapter waits out itself; longer waits go to the user.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before retrying when the provider sent no <c>Retry-After</c>.</summary>
    public TimeSpan DefaultDelay { get; set; } = TimeSpan.FromSeconds(1);
}
