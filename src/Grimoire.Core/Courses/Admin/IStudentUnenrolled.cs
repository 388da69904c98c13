namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// Runs when someone is unenrolled from a course, <b>before</b> their enrollment row is deleted. Key provisioning
/// plugs in here: unenrolling must also revoke the person's provider keys for that course (AC2.3, AC2.5), so a
/// removed student cannot keep spending the course's budget. If an implementation throws, the person stays enrolled
/// and the instructor sees the error and can retry: the enrollment is never removed while keys may still be live.
/// </summary>
/// <remarks>
/// Register implementations with <c>services.AddSingleton&lt;IStudentUnenrolled, YourType&gt;()</c>; every registered
/// implementation runs. The default registration (added with TryAdd) does nothing.
/// </remarks>
public interface IStudentUnenrolled
{
    Task OnUnenrolledAsync(Guid courseId, Guid userId, CancellationToken cancellationToken);
}

/// <summary>The default: nothing to clean up until key provisioning registers its own <see cref="IStudentUnenrolled"/>.</summary>
internal sealed class NothingToRevokeOnUnenroll : IStudentUnenrolled
{
    public Task OnUnenrolledAsync(Guid courseId, Guid userId, CancellationToken cancellationToken) => Task.CompletedTask;
}
