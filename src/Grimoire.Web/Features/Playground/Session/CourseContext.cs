using Grimoire.Core.Access;
using Grimoire.Core.Courses;
using Grimoire.Web.State;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>Who is in the playground, the courses they can pick and the one they are in, with its enabled models.</summary>
public sealed class CourseContext(CourseAccess courseAccess, CourseDirectory courses, CourseModels courseModels) : ObservableState
{
    public Guid UserId { get; private set; }

    public IReadOnlyList<CourseMembership> Memberships { get; private set; } = [];

    /// <summary>The courses the switcher offers (archived ones are not).</summary>
    public IEnumerable<CourseMembership> ActiveMemberships => Memberships.Where(m => !m.IsArchived);

    public CourseView? Course { get; private set; }

    public IReadOnlyList<ModelChoice> Models { get; private set; } = [];

    /// <summary>The entities behind <see cref="Models"/>, for building message cards (never handed to a component).</summary>
    internal IReadOnlyList<CourseModelConfig> ModelConfigs { get; private set; } = [];

    /// <summary>The course's default model if it is enabled, else the first enabled one.</summary>
    public Guid? DefaultModelId =>
        Models.Any(m => m.Id == Course?.DefaultModelConfigId) ? Course!.DefaultModelConfigId : Models.Count > 0 ? Models[0].Id : null;

    public async Task InitializeAsync(Guid userId, CancellationToken cancellationToken)
    {
        UserId = userId;
        Memberships = await courseAccess.ListMembershipsAsync(userId, cancellationToken);
    }

    /// <summary>The course a person starts in when no conversation says otherwise.</summary>
    public Guid? FirstActiveCourseId => ActiveMemberships.FirstOrDefault()?.CourseId;

    public async Task LoadAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await courses.FindAsync(courseId, cancellationToken);
        Course = course is null ? null : CourseView.From(course);
        ModelConfigs = await courseModels.ListEnabledAsync(courseId, cancellationToken);
        Models = [.. ModelConfigs.Select(ModelChoice.From)];
        RaiseChanged();
    }
}
