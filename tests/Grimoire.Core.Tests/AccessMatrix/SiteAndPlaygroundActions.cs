using Grimoire.Core.Refusals;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Admin;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using static Grimoire.Core.Tests.AccessMatrix.CourseAdminActions;
using static Grimoire.Core.Tests.AccessMatrix.Rights;

namespace Grimoire.Core.Tests.AccessMatrix;

/// <summary>
/// The site admin's services, and the playground's conversation store and turn runner, by every actor. A conversation
/// is its owner's to change (AC4.5, AC8.6); the course's tutors and instructors read it, read-only (AC2.6); a turn
/// only runs on a model of the conversation's own course (AC3.6).
/// </summary>
public static class SiteAndPlaygroundActions
{
    private const string CantPost = "You can't post in this conversation.";
    private const string NotThisCoursesModel = "That model is not available in this course. Pick one from the list.";
    private static readonly CancellationToken Ct = CancellationToken.None;

    public static IEnumerable<ActionCase> All =>
    [
        Read("SiteCourses.List", SiteAdmins, (w, a, _) => Done(w.Get<SiteCourses>().ListAsync(a.Id, Ct))),
        Change("SiteCourses.Create", SiteAdmins, NoTarget, (w, a, _) => Done(w.Get<SiteCourses>().CreateAsync(
            a.Id, new NewCourse("NEW-" + Guid.NewGuid().ToString("N")[..8], "Created", "", null, null), Ct))),
        Read("SiteUsers.Search", SiteAdmins, (w, a, _) => Done(w.Get<SiteUsers>().SearchAsync(a.Id, "demo", 0, 20, Ct))),
        Change("SiteUsers.MakeInstructor", SiteAdmins, async w => (await w.NewPersonAsync(w.Course.Id)).Id,
            (w, a, person) => Done(w.Get<SiteUsers>().MakeInstructorAsync(a.Id, w.Course.Id, person, Ct))),
        Read("ProviderCredentialStatus.Get", SiteAdmins, (w, a, _) => Done(w.Get<ProviderCredentialStatus>().GetAsync(a.Id, Ct))),

        // Everyone enrolled in course A may start a conversation there; site admins are enrolled nowhere.
        Change("ConversationStore.Create", Allow(Outcome.Allowed, Actor.Instructor, Actor.Tutor, Actor.Student, Actor.Classmate), NoTarget,
            (w, a, _) => Done(w.Get<ConversationStore>().CreateAsync(a.Id, w.Course.Id, Ct))),
        Read("ConversationStore.List shows Alex's conversation", OwnerOnly, async (w, a, _) =>
            (await w.Get<ConversationStore>().ListAsync(a.Id, w.Course.Id, null, 0, 50, Ct)).Any(c => c.Id == w.AlexConversation.Id)
                ? Outcome.Allowed : Outcome.Denied),
        Read("ConversationStore.Open Alex's conversation", OwnerOnly.With(Outcome.ReadOnly, Actor.Instructor, Actor.Tutor), async (w, a, _) =>
            await w.Get<ConversationStore>().OpenAsync(a.Id, w.AlexConversation.Id, Ct) is { } detail
                ? detail.CanWrite ? Outcome.Allowed : Outcome.ReadOnly
                : Outcome.Denied),
        Change("ConversationStore.Rename Alex's conversation", OwnerOnly, NoTarget,
            (w, a, _) => Done(w.Get<ConversationStore>().RenameAsync(a.Id, w.AlexConversation.Id, "Renamed by " + a.Email, Ct))),
        Change("ConversationStore.SaveSystemPrompt of Alex's conversation", OwnerOnly, NoTarget,
            (w, a, _) => Done(w.Get<ConversationStore>().SaveSystemPromptAsync(a.Id, w.AlexConversation.Id, "Prompt by " + a.Email, Ct))),
        Change("ConversationStore.Delete a conversation of Alex", OwnerOnly,
            async w => (await w.ConversationAsync(w[Actor.Student], w.Course.Id)).Id,
            (w, a, conversation) => Done(w.Get<ConversationStore>().DeleteAsync(a.Id, conversation, Ct))),

        Change("TurnRunner.Start in Alex's conversation", OwnerOnly, NoTarget,
            async (w, a, _) => await StartAsync(w, a.Id, (await w.ModelAsync("simulated/swift")).Id)),
        Change("TurnRunner.Start in Alex's conversation with course B's model", Allow(Outcome.NotFound, Actor.Student), NoTarget,
            (w, a, _) => StartAsync(w, a.Id, w.OtherModel.Id)),
    ];

    /// <summary>Asks for an answer and, when it starts, waits for its final write so the next actor sees settled data.</summary>
    private static async Task<Outcome> StartAsync(AccessWorld world, Guid actorId, Guid modelConfigId)
    {
        var conversation = world.AlexConversation.Id;
        try
        {
            await world.Get<TurnRunner>().StartAsync(
                actorId, conversation, "What is a tide?", "Be brief.", new TurnSettings(modelConfigId, 0.3, 256, ThinkingEnabled: false), Ct);
        }
        catch (RefusalException refused)
        {
            return refused.Message switch
            {
                CantPost => Outcome.Denied,
                NotThisCoursesModel => Outcome.NotFound,
                _ => throw new InvalidOperationException($"Unexpected refusal: {refused.Message}"),
            };
        }

        if (world.Get<ILiveTurnHub>().LocalTurn(conversation) is { } live)
        {
            await live.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        }

        return Outcome.Allowed;
    }
}
