using Grimoire.Core.Access;
using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Playground.Live;
using Grimoire.Core.Playground.Turns;
using Grimoire.Llm.Tokens;
using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>
/// One student's playground in one circuit: owns the state and decides; the components render it and forward
/// events (eShop's ChatState pattern). <see cref="Changed"/> tells the page to re-render.
/// </summary>
public sealed partial class PlaygroundSession(
    CourseAccess courseAccess,
    CourseDirectory courses,
    CourseModels courseModels,
    ConversationStore store,
    UserDirectory users,
    TurnRunner runner,
    TurnStopper stopper,
    PlaygroundLimits limits,
    MessageEditor editor,
    ConversationForks forks,
    ILiveTurnHub hub,
    ITokenCounter tokenCounter,
    ILogger<PlaygroundSession> logger) : IAsyncDisposable
{
    public const int PageSize = 30;

    private readonly CancellationTokenSource lifetime = new();
    private IReadOnlyDictionary<Guid, string> authorNames = new Dictionary<Guid, string>();

    /// <summary>Raised after any state change; may come from a background thread.</summary>
    public event Action? Changed;

    public Guid UserId { get; private set; }

    public IReadOnlyList<CourseMembership> Memberships { get; private set; } = [];

    public Course? Course { get; private set; }

    public IReadOnlyList<CourseModelConfig> Models { get; private set; } = [];

    public List<ConversationSummary> Conversations { get; } = [];

    public bool HasMoreConversations { get; private set; }

    public string Search { get; private set; } = "";

    public ConversationDetail? Current { get; private set; }

    public List<ChatMessageView> Messages { get; } = [];

    public PlaygroundSettings Settings { get; } = new();

    public string SystemPrompt { get; private set; } = "";

    public int SystemPromptTokens { get; private set; }

    public string TokenEncoding => tokenCounter.EncodingName;

    /// <summary>The last refusal or failure to show above the composer; cleared by the next action.</summary>
    public string? Notice { get; private set; }

    public bool IsStreaming => Current is not null && hub.Current(Current.Conversation.Id) is not null;

    public bool CanWrite => Current?.CanWrite == true && Course is { IsArchived: false };

    /// <summary>Stop shows for the people the server lets stop an answer (<see cref="TurnStopper"/>): the same as <see cref="CanWrite"/>.</summary>
    public bool CanStop => CanWrite;

    /// <summary>The limits the inputs check before sending (issue 17 item 7); the services check them again.</summary>
    public PlaygroundLimits Limits => limits;

    /// <summary>Why the prompt in the box can't be used (too long: it never left the browser), or null.</summary>
    public string? SystemPromptProblem { get; private set; }

    public CourseModelConfig? SelectedModel => Models.FirstOrDefault(m => m.Id == Settings.ModelConfigId);

    public async Task InitializeAsync(Guid userId, Guid? conversationId, CancellationToken cancellationToken)
    {
        UserId = userId;
        Memberships = await courseAccess.ListMembershipsAsync(userId, cancellationToken);
        var detail = conversationId is { } id ? await store.OpenAsync(userId, id, cancellationToken) : null;
        var courseId = detail?.Conversation.CourseId ?? Memberships.FirstOrDefault(m => !m.IsArchived)?.CourseId;
        if (conversationId is not null && detail is null)
        {
            Notice = "That conversation does not exist or is not yours to open.";
        }

        if (courseId is { } course)
        {
            await LoadCourseAsync(course, cancellationToken);
        }

        if (detail is not null)
        {
            await ShowAsync(detail, cancellationToken);
        }
    }

    public async Task SelectCourseAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (Course?.Id == courseId)
        {
            return;
        }

        Unwatch();
        Current = null;
        Messages.Clear();
        await LoadCourseAsync(courseId, cancellationToken);
        RaiseChanged();
    }

    public async Task NewConversationAsync(CancellationToken cancellationToken)
    {
        if (Course is null)
        {
            return;
        }

        if (await CreateConversationAsync(cancellationToken) is not { } created)
        {
            RaiseChanged();
            return;
        }

        await RefreshConversationsAsync(cancellationToken);
        await OpenAsync(created.Id, cancellationToken);
    }

    /// <summary>A new conversation in the course, or null with <see cref="Notice"/> saying why not (too many too fast).</summary>
    private async Task<PlaygroundConversation?> CreateConversationAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await store.CreateAsync(UserId, Course!.Id, cancellationToken);
        }
        catch (PlaygroundLimitException refused)
        {
            Notice = refused.Message;
            return null;
        }
    }

    public async Task OpenAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var detail = await store.OpenAsync(UserId, conversationId, cancellationToken);
        if (detail is null)
        {
            Notice = "That conversation does not exist or is not yours to open.";
        }
        else
        {
            if (detail.Conversation.CourseId != Course?.Id)
            {
                await LoadCourseAsync(detail.Conversation.CourseId, cancellationToken);
            }

            await ShowAsync(detail, cancellationToken);
        }

        RaiseChanged();
    }

    public async Task SearchAsync(string text, CancellationToken cancellationToken)
    {
        Search = text;
        await RefreshConversationsAsync(cancellationToken);
        RaiseChanged();
    }

    public async Task LoadMoreConversationsAsync(CancellationToken cancellationToken)
    {
        if (Course is null)
        {
            return;
        }

        var page = await store.ListAsync(UserId, Course.Id, Search, Conversations.Count, PageSize + 1, cancellationToken);
        HasMoreConversations = page.Count > PageSize;
        Conversations.AddRange(page.Take(PageSize));
        RaiseChanged();
    }

    public async Task RenameAsync(Guid conversationId, string title, CancellationToken cancellationToken)
    {
        await store.RenameAsync(UserId, conversationId, title, cancellationToken);
        await RefreshConversationsAsync(cancellationToken);
        if (Current?.Conversation.Id == conversationId)
        {
            await ReloadCurrentAsync(cancellationToken);
        }

        hub.NotifyChanged(conversationId);
        RaiseChanged();
    }

    public async Task DeleteAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var deletion = await store.DeleteAsync(UserId, conversationId, cancellationToken);
        if (!deletion.Deleted)
        {
            Notice = deletion.Refusal;
            RaiseChanged();
            return;
        }

        if (Current?.Conversation.Id == conversationId)
        {
            Unwatch();
            Current = null;
            Messages.Clear();
        }

        await RefreshConversationsAsync(cancellationToken);
        RaiseChanged();
    }

    /// <summary>Updates the prompt the next message is sent with and its live token estimate (AC1.6).</summary>
    public void SetSystemPrompt(string text)
    {
        SystemPrompt = text;
        SystemPromptProblem = null;
        SystemPromptTokens = tokenCounter.CountTokens(text);
        RaiseChanged();
    }

    /// <summary>
    /// The prompt box holds text over the limit (<paramref name="length"/> characters), kept in the browser: nothing is
    /// sent with it until it fits. 0 when it fits again.
    /// </summary>
    public void SystemPromptTooLong(int length)
    {
        SystemPromptProblem = length > 0 ? PlaygroundLimits.SystemPromptTooLong(length, limits.MaxSystemPromptChars) : null;
        RaiseChanged();
    }

    public void ResetSystemPrompt() => SetSystemPrompt(Course?.DefaultSystemPrompt ?? "");

    public void SelectModel(Guid modelConfigId)
    {
        Settings.ModelConfigId = modelConfigId;
        Settings.FitTo(SelectedModel);
        RaiseChanged();
    }

    public void DismissNotice()
    {
        Notice = null;
        RaiseChanged();
    }

    private async Task LoadCourseAsync(Guid courseId, CancellationToken cancellationToken)
    {
        Course = await courses.FindAsync(courseId, cancellationToken);
        Models = await courseModels.ListEnabledAsync(courseId, cancellationToken);
        Settings.ModelConfigId = Models.Any(m => m.Id == Course?.DefaultModelConfigId) ? Course!.DefaultModelConfigId : Models.Count > 0 ? Models[0].Id : null;
        Settings.FitTo(SelectedModel);
        SetSystemPrompt(Course?.DefaultSystemPrompt ?? "");
        Search = "";
        await RefreshConversationsAsync(cancellationToken);
    }

    private async Task RefreshConversationsAsync(CancellationToken cancellationToken)
    {
        Conversations.Clear();
        HasMoreConversations = false;
        if (Course is null)
        {
            return;
        }

        var page = await store.ListAsync(UserId, Course.Id, Search, 0, PageSize + 1, cancellationToken);
        HasMoreConversations = page.Count > PageSize;
        Conversations.AddRange(page.Take(PageSize));
    }

    private void RaiseChanged() => Changed?.Invoke();
}
