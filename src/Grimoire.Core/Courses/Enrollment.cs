using Grimoire.Core.Accounts;

namespace Grimoire.Core.Courses;

public sealed class Enrollment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public Guid CourseId { get; set; }

    public Course? Course { get; set; }

    public CourseRole Role { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
