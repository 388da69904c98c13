namespace Grimoire.Llm.Wire;

/// <summary>What went wrong, in terms a consumer can act on without knowing the provider.</summary>
public enum ProviderFailureKind
{
    BadRequest,
    Unauthorized,
    BudgetExhausted,
    Forbidden,
    NotFound,
    Timeout,
    TooLarge,
    RateLimited,
    ProviderUnavailable,
    Overloaded,
    StreamError,
    Interrupted,
    Network,
    Unexpected,
}
