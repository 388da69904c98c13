namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>Why a key-management call failed, in terms the instructor tools can act on.</summary>
public enum OpenRouterKeyApiError
{
    /// <summary>No management key is configured.</summary>
    NotConfigured,

    /// <summary>401/403: the management key was rejected (wrong, revoked, or an ordinary API key).</summary>
    Unauthorized,

    /// <summary>404: OpenRouter has no key with that hash.</summary>
    NotFound,

    /// <summary>400/422: OpenRouter refused the values sent.</summary>
    BadRequest,

    /// <summary>429: try again after <see cref="OpenRouterKeyApiException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>5xx: OpenRouter's side failed; try again.</summary>
    Unavailable,

    /// <summary>OpenRouter could not be reached or did not answer in time.</summary>
    Network,

    /// <summary>An answer Grimoire could not read, or a status it does not expect.</summary>
    Unexpected,
}
