using Grimoire.Core.Playground;
using Grimoire.Web.State;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>The sidebar: the person's conversations in the course, newest first, a page at a time (AC4.2, AC8.1), and title search.</summary>
public sealed class ConversationListState(ConversationStore store, CourseContext course) : ObservableState
{
    public const int PageSize = 30;

    public IReadOnlyList<ConversationSummary> Items { get; private set; } = [];

    public bool HasMore { get; private set; }

    public string Search { get; private set; } = "";

    /// <summary>The first page again (after a change, or in a new course).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var (items, more) = await PageAsync(0, cancellationToken);
        (Items, HasMore) = (items, more);
        RaiseChanged();
    }

    public async Task SearchAsync(string text, CancellationToken cancellationToken)
    {
        Search = text;
        await RefreshAsync(cancellationToken);
    }

    /// <summary>A new course starts with no search.</summary>
    public Task ResetAsync(CancellationToken cancellationToken) => SearchAsync("", cancellationToken);

    public async Task LoadMoreAsync(CancellationToken cancellationToken)
    {
        var (items, more) = await PageAsync(Items.Count, cancellationToken);
        (Items, HasMore) = ([.. Items, .. items], more);
        RaiseChanged();
    }

    public async Task RenameAsync(Guid conversationId, string title, CancellationToken cancellationToken)
    {
        await store.RenameAsync(course.UserId, conversationId, title, cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    /// <summary>Deletes the conversation (archive first); a refusal throws (<see cref="Core.Refusals.RefusalException"/>) with nothing deleted.</summary>
    public async Task DeleteAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(course.UserId, conversationId, cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    private async Task<(IReadOnlyList<ConversationSummary> Items, bool More)> PageAsync(int skip, CancellationToken cancellationToken)
    {
        if (course.Course is not { } current)
        {
            return ([], false);
        }

        var page = await store.ListAsync(course.UserId, current.Id, Search, skip, PageSize + 1, cancellationToken);
        return ([.. page.Take(PageSize)], page.Count > PageSize);
    }
}
