using System.Diagnostics.Metrics;

namespace Grimoire.Core.Accounts;

/// <summary>
/// <c>grimoire.sign_ins</c> on the "Grimoire" meter: one per sign-in, tagged by method (<c>oidc</c>, <c>dev</c>) and
/// outcome (<c>returning</c>, <c>bound</c>, <c>created</c>, or <c>refused</c> with its reason), so an operator sees a
/// wave of refusals (a misconfigured provider, or someone trying addresses) without reading logs.
/// </summary>
public sealed class SignInMetrics
{
    public const string MeterName = "Grimoire";

    private readonly Counter<long> signIns;

    public SignInMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        signIns = meterFactory.Create(MeterName).CreateCounter<long>("grimoire.sign_ins", "{sign-in}", "Sign-ins by method and outcome.");
    }

    public void Record(string method, string outcome, string? reason = null) =>
        signIns.Add(1, new("method", method), new("outcome", outcome), new("reason", reason ?? "none"));
}
