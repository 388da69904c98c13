using Bunit;
using Grimoire.Core.Courses;
using Grimoire.Web.Features.Playground.Session;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Grimoire.Web.Tests.Features.Playground.Controls;

/// <summary>A fresh bUnit context per test with MudBlazor, and the demo course's models as the controls get them.</summary>
public abstract class ControlsTest : BunitContext, IAsyncLifetime
{
    protected ControlsTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(new Grimoire.Web.Hosting.DemoOpenRouter.SimulatedOpenRouter(isActive: false));
    }

    protected static ModelChoice Thinker { get; } = ModelChoice.From(new()
    {
        Provider = "simulated", ModelId = "simulated/thinker", DisplayName = "Simulated Thinker", CostTier = CostTier.Medium,
        SupportsThinking = true, ThinkingControl = ThinkingControl.Budget, AllowsTemperatureWithThinking = false, MaxOutputTokens = 32_000,
        PrivacyNotes = "Nothing leaves the server.", HostingRegion = "Local",
    });

    protected static ModelChoice EffortModel { get; } = ModelChoice.From(new()
    {
        Provider = "openrouter", ModelId = "openai/o4-mini", DisplayName = "o4 mini", CostTier = CostTier.Low,
        SupportsThinking = true, ThinkingControl = ThinkingControl.Effort, AllowsTemperatureWithThinking = true, MaxOutputTokens = 100_000,
    });

    protected static ModelChoice Swift { get; } = ModelChoice.From(new()
    {
        Provider = "simulated", ModelId = "simulated/swift", DisplayName = "Simulated Swift", CostTier = CostTier.Low, MaxOutputTokens = 16_000,
    });

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
