using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Playground.Forking;
using Grimoire.Web.Features.Playground.Messages;
using Grimoire.Web.Features.Playground.Session;
using Grimoire.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Grimoire.Web.Features.Courses.Conversations;

/// <summary>
/// A student's conversation as course staff read it (AC2.6): the same message cards as the playground, with no
/// composer and no edit or regenerate actions. Tutors, instructors and site admins of the course in the address;
/// a conversation of any other course shows the access-denied notice, exactly like no access at all.
/// </summary>
public sealed partial class CourseConversationPage : IDisposable
{
    private readonly CancellationTokenSource lifetime = new();
    private CourseConversationView? view;
    private List<ChatMessageView> messages = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private Guid actorId;
    private bool denied;
    private ForkLinks forks = ForkLinks.None;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private CourseConversations Conversations { get; set; } = default!;

    [Inject]
    private ConversationForks Forks { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    public Guid CourseId { get; set; }

    [Parameter]
    public Guid ConversationId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        denied = false;
        view = null;
        var user = (await AuthenticationState).User;
        if (user.GetUserId() is not { } userId
            || !(await Authorization.AuthorizeAsync(user, new CourseResource(CourseId), Policies.CourseTutor)).Succeeded)
        {
            denied = true;
            return;
        }

        actorId = userId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            view = await Conversations.OpenAsync(actorId, CourseId, ConversationId, lifetime.Token);
        }
        catch (CourseAccessDeniedException)
        {
            view = null;
        }

        denied = view is null;
        if (view is null)
        {
            return;
        }

        // Branches stay in their source's course, so both ends open on this course's read-only page (X2).
        forks = await Forks.GetLinksAsync(actorId, ConversationId, lifetime.Token);
        messages = view.Detail.Messages.Select(m => MessageViews.From(m, view.AuthorNames, view.Models)).ToList();
        breadcrumbs =
        [
            new("Courses", "/courses"),
            new(view.CourseCode, $"/courses/{CourseId}"),
            new("Conversations", $"/courses/{CourseId}?tab=conversations"),
            new(view.OwnerName, null, disabled: true),
        ];
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }
}
