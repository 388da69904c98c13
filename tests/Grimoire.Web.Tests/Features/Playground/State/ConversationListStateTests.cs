using Grimoire.Core.Playground;
using Grimoire.Web.Features.Playground.Session;

namespace Grimoire.Web.Tests.Features.Playground.State;

/// <summary>The sidebar state (AC4.2, AC4.4, AC8.1): pages, search, rename and delete, on the real store.</summary>
public sealed class ConversationListStateTests(PlaygroundStateHost host) : IClassFixture<PlaygroundStateHost>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task AC4_2_lists_thirty_at_a_time_newest_first_and_loads_the_rest_on_demand()
    {
        await using var circuit = await host.CircuitAsync("sam");
        var store = circuit.Get<ConversationStore>();
        var user = circuit.Session.Course.UserId;
        var courseId = circuit.Session.Course.Course!.Id;
        for (var i = 0; i < ConversationListState.PageSize + 1; i++)
        {
            await store.CreateAsync(user, courseId, Ct);
        }

        var list = circuit.Session.Conversations;
        await list.RefreshAsync(Ct);
        Assert.Equal(ConversationListState.PageSize, list.Items.Count);
        Assert.True(list.HasMore);
        Assert.Equal(list.Items.OrderByDescending(c => c.UpdatedAt).Select(c => c.Id), list.Items.Select(c => c.Id));

        await list.LoadMoreAsync(Ct);
        Assert.True(list.Items.Count >= ConversationListState.PageSize + 1);
        Assert.Equal(list.Items.Count, list.Items.Select(c => c.Id).Distinct().Count());
        Assert.False(list.HasMore);
    }

    [Fact]
    public async Task AC8_1_search_finds_by_title_and_rename_shows_at_once()
    {
        await using var circuit = await host.CircuitAsync("priya");
        var created = await circuit.Get<ConversationStore>().CreateAsync(circuit.Session.Course.UserId, circuit.Session.Course.Course!.Id, Ct);
        var list = circuit.Session.Conversations;
        var changes = 0;
        using var subscription = list.Subscribe(() => changes++);

        await circuit.Session.RenameAsync(created.Id, "Tidal locking notes", Ct);
        Assert.Contains(list.Items, c => c.Id == created.Id && c.Title == "Tidal locking notes");

        await list.SearchAsync("TIDAL lock", Ct);
        Assert.Equal("TIDAL lock", list.Search);
        Assert.Equal(created.Id, Assert.Single(list.Items).Id);
        Assert.True(changes >= 2);

        await list.ResetAsync(Ct);
        Assert.Equal("", list.Search);
        Assert.True(list.Items.Count >= 1);
    }

    [Fact]
    public async Task AC4_4_deleting_the_open_conversation_removes_it_and_closes_it()
    {
        await using var circuit = await host.CircuitAsync("priya");
        await circuit.Session.NewConversationAsync(Ct);
        var open = circuit.Session.Conversation.Id!.Value;
        Assert.Contains(circuit.Session.Conversations.Items, c => c.Id == open);

        await circuit.Session.DeleteAsync(open, Ct);

        Assert.DoesNotContain(circuit.Session.Conversations.Items, c => c.Id == open);
        Assert.Null(circuit.Session.Conversation.Id);
        Assert.Empty(circuit.Session.Conversation.Messages);
        Assert.Null(circuit.Session.Notice.Text);
    }

    [Fact]
    public async Task Unsubscribing_stops_the_notices()
    {
        await using var circuit = await host.CircuitAsync("sam");
        var list = circuit.Session.Conversations;
        var changes = 0;
        var subscription = list.Subscribe(() => changes++);
        await list.RefreshAsync(Ct);
        Assert.Equal(1, changes);

        subscription.Dispose();
        await list.RefreshAsync(Ct);
        Assert.Equal(1, changes);
    }
}
