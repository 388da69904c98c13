// Blazor's Renderer lives in the RenderTree namespace, marked "may change" (BL0006): fine for a benchmark harness
// pinned to one ASP.NET Core version; the product never uses it.
#pragma warning disable BL0006
using System.Runtime.ExceptionServices;
using Grimoire.Web.Features.Playground.Messages;
using Grimoire.Web.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// The message list on Blazor's own <see cref="Renderer"/> with no display: the diff and component work a Blazor
/// Server circuit does per update, without bUnit's markup regeneration and without serialising the batch to the
/// browser (the batch only holds the components that rendered, so that part does not grow with the list).
/// </summary>
internal sealed class HeadlessMessageList : MessageListFixture
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope circuit;
    private readonly HeadlessRenderer renderer;
    private readonly MessageListHost host = new();

    private HeadlessMessageList(int messages, int deltas)
        : base(messages, deltas)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddScoped<IJSRuntime, OfflineJsRuntime>();
        collection.AddScoped<NavigationManager, OfflineNavigationManager>();
        collection.AddMudServices();
        collection.AddGrimoireRendering();
        services = collection.BuildServiceProvider(validateScopes: true);
        circuit = services.CreateAsyncScope();
        renderer = new HeadlessRenderer(circuit.ServiceProvider, services.GetRequiredService<ILoggerFactory>());
    }

    public static HeadlessMessageList Render(int messages, int deltas)
    {
        var list = new HeadlessMessageList(messages, deltas);
        list.renderer.RenderRoot(list.host, list.Views);
        list.StreamAnswer();
        return list;
    }

    protected override void Show(ChatMessageView view)
    {
        renderer.Dispatcher.InvokeAsync(() => host.ReplaceLast(view)).GetAwaiter().GetResult();
        renderer.ThrowIfFailed();
    }

    public override async ValueTask DisposeAsync()
    {
        await renderer.Dispatcher.InvokeAsync(renderer.Dispose);
        await circuit.DisposeAsync();
        await services.DisposeAsync();
    }

    private sealed class HeadlessRenderer(IServiceProvider services, ILoggerFactory loggerFactory) : Renderer(services, loggerFactory)
    {
        private ExceptionDispatchInfo? failure;

        public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

        protected override RendererInfo RendererInfo { get; } = new("Server", isInteractive: true);

        public void RenderRoot(MessageListHost host, List<ChatMessageView> views)
        {
            var id = AssignRootComponentId(host);
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MessageListHost.Messages)] = views });
            Dispatcher.InvokeAsync(() => RenderRootComponentAsync(id, parameters)).GetAwaiter().GetResult();
            ThrowIfFailed();
        }

        public void ThrowIfFailed() => failure?.Throw();

        protected override void HandleException(Exception exception) => failure ??= ExceptionDispatchInfo.Capture(exception);

        protected override Task UpdateDisplayAsync(in RenderBatch renderBatch) => Task.CompletedTask;
    }

    /// <summary>Every call succeeds with a default result; "import" gets a module whose calls do the same.</summary>
    private sealed class OfflineJsRuntime : IJSRuntime, IJSObjectReference
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(this is TValue module ? module : default!);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class OfflineNavigationManager : NavigationManager
    {
        public OfflineNavigationManager() => Initialize("http://localhost/", "http://localhost/playground");
    }
}
