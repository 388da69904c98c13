using System.Globalization;
using Grimoire.Core.Courses.Admin;
using Grimoire.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Grimoire.Web.Features.Courses;

/// <summary>
/// One course's administration: tabs for settings, models, people, keys and students' conversations. Tutors read
/// (CourseTutor), instructors and site admins change (CourseInstructor); everyone else gets the access-denied notice.
/// Every tab's service checks again, by the course id in the address, so no other course's data is ever loaded.
/// </summary>
public sealed partial class CourseAdminPage : IDisposable
{
    /// <summary>Tabs by name, for links such as <c>?tab=conversations</c>.</summary>
    private static readonly string[] TabNames = ["settings", "models", "people", "keys", "conversations", "usage"];

    private readonly CancellationTokenSource lifetime = new();
    private CourseAdminContext? context;
    private CourseSettingsView? settings;
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool denied;
    private int activeTab;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private CourseSettings CourseSettings { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    public Guid CourseId { get; set; }

    /// <summary>The tab to open first: settings, models, people, keys or conversations.</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    private string DateRange => settings is { StartsOn: { } start }
        ? $"· {start.ToString("d MMM yyyy", CultureInfo.CurrentCulture)} – {settings.EndsOn?.ToString("d MMM yyyy", CultureInfo.CurrentCulture) ?? "open"}"
        : "";

    protected override async Task OnParametersSetAsync()
    {
        if (context?.CourseId == CourseId)
        {
            return;
        }

        context = null;
        settings = null;
        denied = false;
        activeTab = Math.Max(0, Array.IndexOf(TabNames, Tab?.ToLowerInvariant()));
        var user = (await AuthenticationState).User;
        var resource = new CourseResource(CourseId);
        if (user.GetUserId() is not { } userId || !(await Authorization.AuthorizeAsync(user, resource, Policies.CourseTutor)).Succeeded)
        {
            denied = true;
            return;
        }

        var canManage = (await Authorization.AuthorizeAsync(user, resource, Policies.CourseInstructor)).Succeeded;
        try
        {
            settings = await CourseSettings.GetAsync(userId, CourseId, lifetime.Token);
        }
        catch (CourseAccessDeniedException)
        {
            denied = true;
            return;
        }

        context = new CourseAdminContext(CourseId, userId, canManage && settings.CanManage);
        SetBreadcrumbs();
    }

    private void SettingsSaved(CourseSettingsView saved)
    {
        settings = saved;
        SetBreadcrumbs();
    }

    private void SetBreadcrumbs() => breadcrumbs =
    [
        new("Courses", "/courses"),
        new(settings?.Code ?? "Course", null, disabled: true),
    ];

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }
}
