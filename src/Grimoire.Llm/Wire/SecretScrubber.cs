namespace Grimoire.Llm.Wire;

/// <summary>Removes a credential from text that came back from a provider (error bodies can echo requests).</summary>
internal static class SecretScrubber
{
    public static string? Scrub(string? text, string? secret)
    {
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(secret))
        {
            return text;
        }

        return text.Replace(secret, WireRequest.RedactedValue, StringComparison.Ordinal);
    }

    public static ProviderFailure Scrub(ProviderFailure failure, string? secret) =>
        string.IsNullOrEmpty(secret)
            ? failure
            : failure with { UserMessage = Scrub(failure.UserMessage, secret)!, ProviderMessage = Scrub(failure.ProviderMessage, secret) };
}
