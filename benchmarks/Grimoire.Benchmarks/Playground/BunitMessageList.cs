using Bunit;
using Grimoire.Web.Features.Playground.Messages;
using Grimoire.Web.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Grimoire.Benchmarks.Playground;

/// <summary>The message list under bUnit, set up as MessageComponentTest does (MudBlazor, the app's renderer, loose JS).</summary>
internal sealed class BunitMessageList : MessageListFixture
{
    private readonly BunitContext context = new();
    private readonly IRenderedComponent<MessageListHost> host;

    private BunitMessageList(int messages, int deltas)
        : base(messages, deltas)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddGrimoireRendering();
        host = context.Render<MessageListHost>(p => p.Add(h => h.Messages, Views));
    }

    /// <summary>Renders every card, then streams one answer so first renders and JIT stay out of the measurement.</summary>
    public static BunitMessageList Render(int messages, int deltas)
    {
        var list = new BunitMessageList(messages, deltas);
        list.StreamAnswer();
        return list;
    }

    protected override void Show(ChatMessageView view) =>
        host.InvokeAsync(() => host.Instance.ReplaceLast(view)).GetAwaiter().GetResult();

    public override async ValueTask DisposeAsync() => await context.DisposeAsync();
}
