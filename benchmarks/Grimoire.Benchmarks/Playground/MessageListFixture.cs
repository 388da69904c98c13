using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// The playground's message list with <c>messages</c> cards, the last one streaming, and the views the session would
/// build for each delta of one answer (MessageViews.WithLive) prepared up front so that only rendering is measured.
/// Subclasses decide what renders: bUnit, or Blazor's renderer alone.
/// </summary>
internal abstract class MessageListFixture : IAsyncDisposable
{
    private readonly ChatMessageView waiting;
    private readonly ChatMessageView[] updates;

    protected MessageListFixture(int messages, int deltas)
    {
        Views = SampleConversation.Finished(messages - 1);
        waiting = SampleConversation.Streaming(messages - 1);
        Views.Add(waiting);

        var pieces = SampleConversation.Pieces(SampleConversation.LiveAnswer(deltas));
        var content = "";
        updates = new ChatMessageView[deltas];
        for (var i = 0; i < deltas; i++)
        {
            content += pieces[i];
            updates[i] = waiting with { Content = content, Phase = LivePhase.Answering };
        }
    }

    protected List<ChatMessageView> Views { get; }

    /// <summary>Streams the whole answer into the last card, from "waiting" to the last delta. Returns the card count.</summary>
    public int StreamAnswer()
    {
        Show(waiting);
        foreach (var update in updates)
        {
            Show(update);
        }

        return Views.Count;
    }

    /// <summary>
    /// Re-renders the list <paramref name="times"/> times with nothing changed (the same views): the part of a
    /// delta's cost that comes from the length of the list alone.
    /// </summary>
    public int RerenderUnchanged(int times)
    {
        var last = Views[^1];
        for (var i = 0; i < times; i++)
        {
            Show(last);
        }

        return Views.Count;
    }

    /// <summary>One live update on the renderer's dispatcher: swap the streaming view, re-render the list.</summary>
    protected abstract void Show(ChatMessageView view);

    public abstract ValueTask DisposeAsync();
}
