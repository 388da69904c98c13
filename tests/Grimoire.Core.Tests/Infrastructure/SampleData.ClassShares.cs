using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.ClassShares;

namespace Grimoire.Core.Tests.Infrastructure;

/// <summary>Class shares (AC8.4) for the schema round trip: every field set to something other than its default.</summary>
public static partial class SampleData
{
    public static ClassShare ClassShare(Course course, User instructor, PlaygroundConversation source, PlaygroundConversation snapshot) => new()
    {
        CourseId = course.Id,
        SourceConversationId = source.Id,
        SnapshotConversationId = snapshot.Id,
        SharedByUserId = instructor.Id,
        Title = "Live demo – prompt injection ü",
        CreatedAt = Instant,
        WithdrawnAt = Instant.AddHours(2),
    };

    public static ClassShareCopy ClassShareCopy(ClassShare share, User student, PlaygroundConversation copy) => new()
    {
        ClassShareId = share.Id,
        StudentId = student.Id,
        ConversationId = copy.Id,
        CreatedAt = Instant.AddMinutes(1),
    };
}
