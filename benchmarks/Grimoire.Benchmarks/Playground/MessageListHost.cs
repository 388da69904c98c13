using Grimoire.Web.Features.Playground.Messages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// The message list of PlaygroundPage.razor, alone: one keyed <see cref="MessageCard"/> per view. Like the page, the
/// list is mutated in place (the session replaces the streaming view) and the host re-renders as a whole.
/// </summary>
public sealed class MessageListHost : ComponentBase
{
    [Parameter, EditorRequired]
    public List<ChatMessageView> Messages { get; set; } = default!;

    /// <summary>One live update, as PlaygroundSession.FollowAsync does it: swap the streaming view, re-render the page.</summary>
    public void ReplaceLast(ChatMessageView view)
    {
        Messages[^1] = view;
        StateHasChanged();
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "chat-messages");
        builder.AddAttribute(2, "data-testid", "messages");
        foreach (var message in Messages)
        {
            builder.OpenComponent<MessageCard>(3);
            builder.SetKey(message.Id);
            builder.AddComponentParameter(4, nameof(MessageCard.Message), message);
            builder.CloseComponent();
        }

        builder.CloseElement();
    }
}
