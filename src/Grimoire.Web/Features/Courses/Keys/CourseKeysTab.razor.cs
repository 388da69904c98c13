using System.Globalization;
using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Jobs;
using Grimoire.Core.Keys;
using Grimoire.Llm;
using Grimoire.Llm.OpenRouter.Keys;
using Grimoire.Web.Hosting.DemoOpenRouter;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Grimoire.Web.Features.Courses.Keys;

/// <summary>The Keys tab's decisions are the provisioner's; this only asks, confirms and shows the outcome.</summary>
public partial class CourseKeysTab
{
    private const string Provider = ProviderKinds.OpenRouter;

    private StudentKeyList? list;
    private CourseSettingsView? course;
    private CourseJobView? job;
    private Guid? dismissedJobId;
    private CourseJobWatch? watch;
    private string filter = "";

    [Inject]
    private StudentKeyProvisioner Keys { get; set; } = default!;

    [Inject]
    private CourseSettings Settings { get; set; } = default!;

    [Inject]
    private IOpenRouterKeyClient KeyApi { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private CourseJobs Jobs { get; set; } = default!;

    [Inject]
    private SimulatedOpenRouter Simulated { get; set; } = default!;

    private string ProviderName => Simulated.NameFor(Provider) ?? "OpenRouter";

    private bool CanMint => KeyApi.IsConfigured && course?.KeyDefaults.Budget is > 0;

    private bool JobRunning => job?.IsRunning == true;

    private int LiveKeys => (list?.Rows ?? []).Count(r => r.KeyId is not null && r.Status != StudentKeyStatus.Revoked);

    private IEnumerable<StudentKeyRow> Visible => string.IsNullOrWhiteSpace(filter)
        ? list?.Rows ?? []
        : (list?.Rows ?? []).Where(r => r.DisplayName.Contains(filter.Trim(), StringComparison.CurrentCultureIgnoreCase)
            || r.Email.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase));

    private string DefaultsText
    {
        get
        {
            if (course?.KeyDefaults is not { Budget: > 0 } defaults)
            {
                return "New keys need a budget: set one under Settings → New student API keys.";
            }

            var lastDay = defaults.ExpiresOn ?? course.EndsOn;
            return $"New keys get {KeyFormat.Budget(defaults.Budget, defaults.Reset)} and work until "
                + (lastDay is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "revoked (no course end date)") + ".";
        }
    }

    private string SpendText => list?.SpendAsOf is { } asOf
        ? $"Spend as reported by {ProviderName} at {asOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."
        : $"Spend is read from {ProviderName} on demand: press Refresh spend.";

    private string CountText
    {
        get
        {
            var rows = list?.Rows ?? [];
            var students = rows.Select(r => r.StudentId).Distinct().Count();
            var live = rows.Where(r => r.Status == StudentKeyStatus.Active).Select(r => r.StudentId).Distinct().Count();
            return $"{live} of {students} students have an active key";
        }
    }

    protected override Task OnInitializedAsync() => Context.CanManage ? LoadAsync() : Task.CompletedTask;

    protected override void OnAfterRender(bool firstRender)
    {
        // Only the interactive render watches: a prerender ends with the request.
        if (firstRender && Context.CanManage)
        {
            watch = Jobs.Watch(Context.CourseId);
            _ = FollowJobsAsync(watch);
        }
    }

    private async Task LoadAsync() => await RunAsync(async ct =>
    {
        course = await Settings.GetAsync(Context.ActorId, Context.CourseId, ct);
        list = await Keys.ListAsync(Context.ActorId, Context.CourseId, Provider, refreshSpend: false, ct);
        job = await Jobs.LatestAsync(Context.ActorId, Context.CourseId, ct);
    });

    /// <summary>Each time a job of the course moves, reads it (and the key table) again; a busy page reads once for many steps.</summary>
    private async Task FollowJobsAsync(CourseJobWatch changes)
    {
        try
        {
            await foreach (var _ in changes.Changes.ReadAllAsync(Lifetime))
            {
                await InvokeAsync(ReloadForJobAsync);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The page went away.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex); // as if the component threw it: the circuit's error handling applies
        }
    }

    private async Task ReloadForJobAsync()
    {
        try
        {
            job = await Jobs.LatestAsync(Context.ActorId, Context.CourseId, Lifetime);
            list = await Keys.ListAsync(Context.ActorId, Context.CourseId, Provider, refreshSpend: false, Lifetime);
            StateHasChanged();
        }
        catch (KeyAccessDeniedException)
        {
            // Rights were withdrawn meanwhile: the next action says so.
        }
    }

    /// <summary>Reads every key's spend again, key by key, as a course job (it can take a while for a large class).</summary>
    private Task RefreshSpendAsync() => StartJobAsync(CourseJobKind.RefreshSpend);

    /// <summary>A student needs a key when they have none that is live (active or disabled).</summary>
    private bool NeedsKey(StudentKeyRow row) =>
        row.Status is StudentKeyStatus.None or StudentKeyStatus.Revoked or StudentKeyStatus.Expired
        && !(list?.Rows ?? []).Any(r => r.StudentId == row.StudentId && r.Status is StudentKeyStatus.Active or StudentKeyStatus.Disabled);

    private async Task MintAllAsync()
    {
        var missing = (list?.Rows ?? []).Where(r => r.Role == CourseRole.Student && NeedsKey(r)).Select(r => r.StudentId).Distinct().Count();
        if (await ConfirmAsync("Mint keys for the class?",
                $"{missing} student(s) without a key get one. {DefaultsText} Students never see their key; it is used for them when they chat. "
                + "It runs on the server: you can close this page and come back for the result.", "Mint keys"))
        {
            await StartJobAsync(CourseJobKind.MintMissingKeys);
        }
    }

    private async Task RotateAllAsync()
    {
        if (await ConfirmAsync("Rotate every key of the course?",
                $"{LiveKeys} key(s) are replaced by new ones with the same budget and the old ones stop working; students notice nothing. "
                + "Spend shown here starts again from zero. It runs on the server: you can close this page and come back for the result.",
                "Rotate all keys"))
        {
            await StartJobAsync(CourseJobKind.RotateKeys);
        }
    }

    private async Task StartJobAsync(CourseJobKind kind)
    {
        await RunAsync(ct => Jobs.StartAsync(Context.ActorId, Context.CourseId, kind, ct));
        await ReloadForJobAsync();
    }

    private async Task CancelJobAsync()
    {
        if (job is { IsRunning: true } running)
        {
            await RunAsync(ct => Jobs.CancelAsync(Context.ActorId, running.Id, ct), "Cancelling: it stops after the student in hand.");
            await ReloadForJobAsync();
        }
    }

    private async Task MintOneAsync(StudentKeyRow row)
    {
        KeyMintResult? result = null;
        await RunAsync(async ct => result = await Keys.MintAsync(Context.ActorId, Context.CourseId, row.StudentId, Provider, ct));
        if (result is not null)
        {
            Snackbar.Add(result.Outcome switch
            {
                KeyMintOutcome.Minted => $"Key minted for {row.Email}.",
                KeyMintOutcome.AlreadyHadKey => $"{row.Email} already has a key.",
                _ => $"{row.Email}: {result.Reason}",
            }, result.Outcome == KeyMintOutcome.Failed ? Severity.Error : Severity.Success);
        }

        await LoadAsync();
    }

    private async Task ChangeBudgetAsync(StudentKeyRow row)
    {
        var current = new KeyBudget(row.BudgetLimit ?? course?.KeyDefaults.Budget ?? 1m, row.BudgetReset, row.ExpiresAt);
        var parameters = new DialogParameters<KeyBudgetDialog> { { d => d.Student, $"{row.DisplayName} ({row.Email})" }, { d => d.Current, current } };
        var dialog = await Dialogs.ShowAsync<KeyBudgetDialog>("Change budget", parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false, Data: KeyBudget budget })
        {
            return;
        }

        await RunAsync(ct => Keys.ChangeBudgetAsync(Context.ActorId, row.KeyId!.Value, budget, ct), $"Budget of {row.Email}'s key changed.");
        await LoadAsync();
    }

    private async Task SetDisabledAsync(StudentKeyRow row, bool disabled)
    {
        await RunAsync(ct => Keys.SetDisabledAsync(Context.ActorId, row.KeyId!.Value, disabled, ct),
            disabled ? $"{row.Email}'s key is disabled: their calls are refused until you enable it." : $"{row.Email}'s key is enabled.");
        await LoadAsync();
    }

    private async Task RotateAsync(StudentKeyRow row)
    {
        if (!await ConfirmAsync("Rotate this key?",
                $"{row.Email} gets a new key with the same budget and the old one stops working. Spend shown here starts again from zero.", "Rotate"))
        {
            return;
        }

        await RunAsync(ct => Keys.RotateAsync(Context.ActorId, row.KeyId!.Value, ct), $"{row.Email}'s key rotated.");
        await LoadAsync();
    }

    private async Task RevokeAsync(StudentKeyRow row)
    {
        if (!await ConfirmAsync("Revoke this key?",
                $"{row.Email}'s key is deleted at OpenRouter for good; they cannot use OpenRouter models in this course until you mint a new one.", "Revoke"))
        {
            return;
        }

        await RunAsync(ct => Keys.RevokeAsync(Context.ActorId, row.KeyId!.Value, ct), $"{row.Email}'s key revoked.");
        await LoadAsync();
    }

    private async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            watch?.Dispose();
        }

        base.Dispose(disposing);
    }
}
