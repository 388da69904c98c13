using System.Diagnostics.Metrics;
using Grimoire.Core.Accounts;

namespace Grimoire.Core.Lti;

/// <summary>
/// <c>grimoire.lti.launches</c> on the "Grimoire" meter: one per launch, tagged by outcome (<c>signed-in</c>,
/// <c>refused</c>, <c>new-window</c> for a login that came inside a frame) and reason (the <see cref="LtiRefusal"/>), and <c>grimoire.lti.courses_created</c>. A wave of
/// <c>BadSignature</c> or <c>UnknownDeployment</c> says a registration is wrong without reading logs.
/// </summary>
public sealed class LtiMetrics
{
    private readonly Counter<long> launches;
    private readonly Counter<long> coursesCreated;
    private readonly Counter<long> rosterChanges;

    public LtiMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(SignInMetrics.MeterName);
        launches = meter.CreateCounter<long>("grimoire.lti.launches", "{launch}", "LTI launches by outcome and refusal reason.");
        coursesCreated = meter.CreateCounter<long>("grimoire.lti.courses_created", "{course}", "Courses created by an instructor's first LTI launch.");
        rosterChanges = meter.CreateCounter<long>("grimoire.lti.roster_changes", "{change}", "Enrollment changes made by LTI roster syncs, by kind.");
    }

    public void Launched(string role) => launches.Add(1, new("outcome", "signed-in"), new("reason", "none"), new("role", role));

    public void Refused(LtiRefusal refusal) => launches.Add(1, new("outcome", "refused"), new("reason", refusal.ToString()), new("role", "none"));

    public void CourseCreated() => coursesCreated.Add(1);

    /// <summary>A login initiation arrived inside the LMS's frame and was answered with the "new window" page.</summary>
    public void OpenedInNewWindow() => launches.Add(1, new("outcome", "new-window"), new("reason", "framed"), new("role", "none"));

    public void RosterSynced(LtiRosterSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        rosterChanges.Add(summary.Enrolled, new KeyValuePair<string, object?>("kind", "enrolled"));
        rosterChanges.Add(summary.RoleChanged, new KeyValuePair<string, object?>("kind", "role-changed"));
        rosterChanges.Add(summary.Unenrolled, new KeyValuePair<string, object?>("kind", "unenrolled"));
        rosterChanges.Add(summary.Skipped, new KeyValuePair<string, object?>("kind", "skipped"));
    }
}
