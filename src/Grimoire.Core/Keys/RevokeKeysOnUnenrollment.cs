using Grimoire.Core.Courses.Admin;

namespace Grimoire.Core.Keys;

/// <summary>
/// Unenrolling someone revokes their keys in that course first (AC2.3): the enrollment code has already checked that
/// the actor may unenroll them; if a key cannot be revoked this throws and the person stays enrolled.
/// </summary>
internal sealed class RevokeKeysOnUnenrollment(StudentKeyProvisioner provisioner) : IStudentUnenrolled
{
    public Task OnUnenrolledAsync(Guid courseId, Guid userId, CancellationToken cancellationToken) =>
        provisioner.RevokeHeldKeysAsync(courseId, userId, cancellationToken);
}
