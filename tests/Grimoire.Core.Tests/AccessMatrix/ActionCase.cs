using Grimoire.Core.Accounts;

namespace Grimoire.Core.Tests.AccessMatrix;

/// <summary>What one actor gets from one service action.</summary>
public enum Outcome
{
    /// <summary>Done (a change shows in the data) or read in full.</summary>
    Allowed,

    /// <summary>Read, but marked read-only (staff reading a student's conversation, AC2.6).</summary>
    ReadOnly,

    /// <summary>
    /// The actor has rights on the course named, but the other id belongs elsewhere (or nowhere): refused as "not in
    /// this course" or answered with nothing. The IDOR outcome: nothing of the other course is read or changed.
    /// </summary>
    NotFound,

    /// <summary>Refused for lack of rights: the access exception, or the service's own refusal.</summary>
    Denied,
}

/// <summary>
/// One action of the matrix. <see cref="Arrange"/> makes a fresh target for each actor (its changes are not the
/// action's); <see cref="Act"/> calls the service as the actor and says what came back. Exceptions for access are
/// read as <see cref="Outcome.Denied"/>, "not in this course" validation as <see cref="Outcome.NotFound"/>.
/// </summary>
/// <param name="Mutates">True when an allowed call must change the data; false when no call may change anything.</param>
public sealed record ActionCase(
    string Name,
    IReadOnlyDictionary<Actor, Outcome> Expected,
    bool Mutates,
    Func<AccessWorld, Task<Guid>> Arrange,
    Func<AccessWorld, User, Guid, Task<Outcome>> Act)
{
    /// <summary>What <paramref name="actor"/> should get; everyone not listed is denied.</summary>
    public Outcome ExpectedFor(Actor actor) => Expected.TryGetValue(actor, out var outcome) ? outcome : Outcome.Denied;

    public override string ToString() => Name;
}

/// <summary>Who may do what, as the matrix's rows say it. Everyone not named is denied.</summary>
public static class Rights
{
    /// <summary>Change course A: its instructors and site admins (AC2.1–AC2.3).</summary>
    public static IReadOnlyDictionary<Actor, Outcome> Managers { get; } = Allow(Outcome.Allowed, Actor.SiteAdmin, Actor.Instructor);

    /// <summary>Read course A's administration: also its tutors (AC2.6).</summary>
    public static IReadOnlyDictionary<Actor, Outcome> Staff { get; } = Allow(Outcome.Allowed, Actor.SiteAdmin, Actor.Instructor, Actor.Tutor);

    /// <summary>Change course B (for ids of course B acted on by their own id alone, like a key id).</summary>
    public static IReadOnlyDictionary<Actor, Outcome> OtherManagers { get; } = Allow(Outcome.Allowed, Actor.SiteAdmin, Actor.OtherInstructor);

    public static IReadOnlyDictionary<Actor, Outcome> SiteAdmins { get; } = Allow(Outcome.Allowed, Actor.SiteAdmin);

    /// <summary>Course A's id with an id of course B: A's managers find nothing, everyone else is refused first.</summary>
    public static IReadOnlyDictionary<Actor, Outcome> MismatchForManagers { get; } = Allow(Outcome.NotFound, Actor.SiteAdmin, Actor.Instructor);

    /// <summary>Course A's id with an id of course B, on a read: A's staff find nothing, everyone else is refused.</summary>
    public static IReadOnlyDictionary<Actor, Outcome> MismatchForStaff { get; } = Allow(Outcome.NotFound, Actor.SiteAdmin, Actor.Instructor, Actor.Tutor);

    /// <summary>Alex's own conversation: only Alex.</summary>
    public static IReadOnlyDictionary<Actor, Outcome> OwnerOnly { get; } = Allow(Outcome.Allowed, Actor.Student);

    public static IReadOnlyDictionary<Actor, Outcome> Allow(Outcome outcome, params Actor[] actors) =>
        actors.ToDictionary(a => a, _ => outcome);

    /// <summary><paramref name="rights"/> with <paramref name="actors"/> getting <paramref name="outcome"/> as well.</summary>
    public static IReadOnlyDictionary<Actor, Outcome> With(this IReadOnlyDictionary<Actor, Outcome> rights, Outcome outcome, params Actor[] actors)
    {
        var combined = new Dictionary<Actor, Outcome>(rights);
        foreach (var actor in actors)
        {
            combined[actor] = outcome;
        }

        return combined;
    }
}
