namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>
/// A key-management call failed. <see cref="Exception.Message"/> says what happened and what to do, for an
/// instructor or operator; it never contains the management key or a student key.
/// </summary>
public sealed class OpenRouterKeyApiException : Exception
{
    public OpenRouterKeyApiException()
        : this(OpenRouterKeyApiError.Unexpected, "The OpenRouter key-management call failed.")
    {
    }

    public OpenRouterKeyApiException(string message)
        : this(OpenRouterKeyApiError.Unexpected, message)
    {
    }

    public OpenRouterKeyApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = OpenRouterKeyApiError.Unexpected;
    }

    public OpenRouterKeyApiException(OpenRouterKeyApiError error, string message, int? statusCode = null, TimeSpan? retryAfter = null)
        : base(message)
    {
        Error = error;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public OpenRouterKeyApiError Error { get; }

    /// <summary>The HTTP status, when OpenRouter answered.</summary>
    public int? StatusCode { get; }

    /// <summary>How long OpenRouter asked to wait (<c>Retry-After</c>), for <see cref="OpenRouterKeyApiError.RateLimited"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the same call may succeed later (rate limits, OpenRouter or network trouble).</summary>
    public bool IsTransient => Error is OpenRouterKeyApiError.RateLimited or OpenRouterKeyApiError.Unavailable or OpenRouterKeyApiError.Network;
}
