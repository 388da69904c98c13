using System.Globalization;

namespace Grimoire.Llm.Wire;

/// <summary>Maps HTTP statuses, stream errors and dropped connections to failures a student can act on.</summary>
internal static class FailureMap
{
    public static ProviderFailure FromStatus(int status, string? providerMessage, TimeSpan? retryAfter, string providerKind)
    {
        var detail = string.IsNullOrWhiteSpace(providerMessage) ? "" : $" ({providerMessage.Trim()})";
        return status switch
        {
            400 => new(ProviderFailureKind.BadRequest, $"The provider rejected the request{detail}. Check the settings (temperature, max tokens, thinking) and try again.", false, null, status, providerMessage),
            401 => new(ProviderFailureKind.Unauthorized, "The API key was rejected: it may be disabled, expired or revoked. Ask your instructor to check your key.", false, null, status, providerMessage),
            402 => new(ProviderFailureKind.BudgetExhausted, "Your course budget for this key is used up. It refills when the budget period resets (at midnight UTC on the reset day); ask your instructor if you need more sooner.", false, null, status, providerMessage),
            403 when providerKind == ProviderKinds.OpenRouter => new(ProviderFailureKind.Forbidden, $"The provider's moderation flagged this input, so it was not sent to the model{detail}. Rephrase it and try again.", false, null, status, providerMessage),
            403 => new(ProviderFailureKind.Forbidden, $"This key is not allowed to use this model or feature{detail}. Ask your instructor.", false, null, status, providerMessage),
            404 when IsNoEndpoint(providerMessage) => new(ProviderFailureKind.NotFound, $"No provider of this model accepts this request{detail}. Remove the attachment or setting it does not support, or pick another model.", false, null, status, providerMessage),
            404 => new(ProviderFailureKind.NotFound, $"The provider does not know this model{detail}. It may have been retired; pick another model.", false, null, status, providerMessage),
            408 => new(ProviderFailureKind.Timeout, "The provider took too long to answer. Try again.", true, retryAfter, status, providerMessage),
            413 => new(ProviderFailureKind.TooLarge, "The request is too large for this model: shorten the conversation or remove attachments.", false, null, status, providerMessage),
            429 => RateLimited(retryAfter, status, providerMessage),
            529 => new(ProviderFailureKind.Overloaded, $"The provider is overloaded right now. {TryAgain(retryAfter)}", true, retryAfter, status, providerMessage),
            502 => new(ProviderFailureKind.ProviderUnavailable, $"The model is down or sent a bad answer. {TryAgain(retryAfter)} or pick another model.", true, retryAfter, status, providerMessage),
            503 => new(ProviderFailureKind.ProviderUnavailable, $"No provider can serve this model right now. {TryAgain(retryAfter)} or pick another model.", true, retryAfter, status, providerMessage),
            >= 500 => new(ProviderFailureKind.ProviderUnavailable, $"The provider had an internal error. {TryAgain(retryAfter)}.", true, retryAfter, status, providerMessage),
            _ => new(ProviderFailureKind.Unexpected, $"The provider answered with an unexpected status {status.ToString(CultureInfo.InvariantCulture)}{detail}.", false, null, status, providerMessage),
        };
    }

    /// <summary>OpenRouter's 404 for a known model none of whose providers take the request (e.g. an image for a text-only model).</summary>
    private static bool IsNoEndpoint(string? providerMessage) =>
        providerMessage?.StartsWith("No endpoints found", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsRetryableStatus(int status) => status is 429 or 502 or 503;

    public static ProviderFailure MidStream(string? providerMessage, string? errorType) =>
        errorType is "overloaded_error"
            ? new(ProviderFailureKind.Overloaded, "The provider became overloaded partway through. What arrived so far is kept; regenerate to try again.", true, null, null, providerMessage)
            : new(ProviderFailureKind.StreamError, $"The provider stopped with an error partway through{Detail(providerMessage)}. What arrived so far is kept; regenerate to try again.", true, null, null, providerMessage);

    public static ProviderFailure Interrupted() =>
        new(ProviderFailureKind.Interrupted, "The connection to the provider dropped partway through. What arrived so far is kept; regenerate to try again.", true);

    public static ProviderFailure Network(string host) =>
        new(ProviderFailureKind.Network, $"Could not reach the provider at {host}. Check the network or the provider address.", true);

    public static ProviderFailure Timeout() =>
        new(ProviderFailureKind.Timeout, "The provider took too long to answer. Try again.", true);

    public static ProviderFailure Unexpected() =>
        new(ProviderFailureKind.Unexpected, "Something unexpected went wrong talking to the provider. Try again.", true);

    public static ProviderFailure MissingKey(string providerKind) =>
        new(ProviderFailureKind.Unauthorized, $"No API key is set up for {providerKind}. Ask your instructor to provision one.", false);

    private static ProviderFailure RateLimited(TimeSpan? retryAfter, int status, string? providerMessage) =>
        new(ProviderFailureKind.RateLimited,
            retryAfter is { } wait
                ? $"The provider is busy, try again in {Seconds(wait)} s."
                : "The provider is busy (rate limited). Wait a moment and try again.",
            true, retryAfter, status, providerMessage);

    private static string TryAgain(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? $"Try again in {Seconds(wait)} s" : "Try again shortly";

    private static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Detail(string? message) => string.IsNullOrWhiteSpace(message) ? "" : $" ({message.Trim()})";
}
