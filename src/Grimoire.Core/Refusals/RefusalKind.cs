namespace Grimoire.Core.Refusals;

/// <summary>Why a request was refused, as the web layer maps it (HTTP status, wording); see docs/decisions/0010-one-refusal-type.md.</summary>
public enum RefusalKind
{
    /// <summary>The person may not do this (403).</summary>
    Forbidden,

    /// <summary>The thing is not there, or not theirs to see: the two look alike (404).</summary>
    NotFound,

    /// <summary>The values given are not acceptable (400).</summary>
    Invalid,

    /// <summary>Not possible in the current state: something else is running or changed meanwhile (409).</summary>
    Conflict,

    /// <summary>A limit or a rate (429).</summary>
    Limit,
}
