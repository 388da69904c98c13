using Grimoire.Core.Usage.Dashboard;

namespace Grimoire.Core.Usage.Site;

/// <summary>
/// Every course's and every provider's usage over a period (X1, issue 13 item 4): calls whose start falls in the
/// period's days in UTC (courses keep their own zones, so the site uses one clock for all). Tokens are input plus output.
/// </summary>
public sealed record SiteUsageReport(
    UsagePeriod Period,
    SiteUsageRow Totals,
    IReadOnlyList<CourseSiteUsage> Courses,
    IReadOnlyList<SiteUsageRow> Providers,
    ProviderCredit OpenRouterCredit);

/// <summary>Calls, tokens and cost of one group (a provider, or the whole site).</summary>
public sealed record SiteUsageRow(string Name, long Turns, long InputTokens, long OutputTokens, decimal Cost)
{
    public long Tokens => InputTokens + OutputTokens;
}

/// <summary>One course's calls in the period (courses without calls are left out).</summary>
public sealed record CourseSiteUsage(Guid CourseId, string Code, string Name, long Turns, long InputTokens, long OutputTokens, decimal Cost)
{
    public long Tokens => InputTokens + OutputTokens;
}

/// <summary>How the provider answered the question "how much credit is left on the management key's account".</summary>
public enum ProviderCreditState
{
    /// <summary>No management key is configured: nothing to ask.</summary>
    NotConfigured,

    /// <summary>The provider reported it: <see cref="ProviderCredit.TotalCredits"/> and the rest are set.</summary>
    Reported,

    /// <summary>The provider could not be asked or refused; <see cref="ProviderCredit.Problem"/> says why (never a key).</summary>
    Unavailable,
}

/// <summary>The management key's own credit as the provider reports it (USD). Holds no key, nor any part of one.</summary>
public sealed record ProviderCredit(ProviderCreditState State, decimal? TotalCredits = null, decimal? TotalUsage = null, string? Problem = null)
{
    public decimal? Remaining => TotalCredits - TotalUsage;
}
