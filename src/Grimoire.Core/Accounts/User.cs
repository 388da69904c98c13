namespace Grimoire.Core.Accounts;

/// <summary>A person who signs in: student, tutor, instructor or site admin (roles live on enrollments).</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>
    /// Lower-cased e-mail address: how instructors enroll people, and how a first sign-in with a verified address finds
    /// its account. After that, <see cref="ExternalLogins"/> identify the person.
    /// </summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>Sent to the model so it can tell speakers apart (AC8.3).</summary>
    public required string FirstName { get; set; }

    public bool IsSiteAdmin { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? LastLoginAt { get; set; }

    public List<Courses.Enrollment> Enrollments { get; set; } = [];

    /// <summary>The sign-in provider identities bound to this person (X9).</summary>
    public List<ExternalLogin> ExternalLogins { get; set; } = [];
}
