using Bunit;
using Grimoire.Web.Features.Playground;
using Grimoire.Web.Features.Playground.Session;

namespace Grimoire.Web.Tests.Features.Playground.Controls;

/// <summary>AC1.5: temperature is disabled, with a reason, while thinking is on for a model that forbids it.</summary>
public sealed class ModelControlsTests : ControlsTest
{
    [Theory]
    [InlineData("thinker", true, false)]
    [InlineData("thinker", false, true)]
    [InlineData("effort", true, true)]
    [InlineData("swift", true, true)]
    public void Temperature_follows_the_models_rule(string model, bool thinkingOn, bool enabled)
    {
        var config = model switch { "thinker" => Thinker, "effort" => EffortModel, _ => Swift };
        var settings = new PlaygroundSettings { ModelConfigId = config.Id, ThinkingEnabled = thinkingOn };

        var controls = Render<ModelControls>(p => p.Add(c => c.Models, [Thinker, EffortModel, Swift]).Add(c => c.Settings, settings));

        var temperature = controls.Find("[data-testid=temperature]");
        Assert.Equal(enabled ? "true" : "false", temperature.GetAttribute("data-enabled"));
        Assert.Equal(!enabled, temperature.QuerySelector("input[type=range]")!.HasAttribute("disabled"));
        Assert.Equal(enabled, settings.ToTurnSettings(config).Temperature is not null);
    }

    [Fact]
    public void Budget_models_show_a_budget_and_effort_models_an_effort()
    {
        var budget = Render<ModelControls>(p => p.Add(c => c.Models, [Thinker]).Add(c => c.Settings, new PlaygroundSettings { ModelConfigId = Thinker.Id }));
        Assert.NotEmpty(budget.FindAll("[data-testid=thinking-budget]"));
        Assert.Empty(budget.FindAll("[data-testid=thinking-effort]"));

        var effort = Render<ModelControls>(p => p.Add(c => c.Models, [EffortModel]).Add(c => c.Settings, new PlaygroundSettings { ModelConfigId = EffortModel.Id }));
        Assert.Empty(effort.FindAll("[data-testid=thinking-budget]"));
        Assert.NotEmpty(effort.FindAll("[data-testid=thinking-effort]"));

        var none = Render<ModelControls>(p => p.Add(c => c.Models, [Swift]).Add(c => c.Settings, new PlaygroundSettings { ModelConfigId = Swift.Id }));
        Assert.Empty(none.FindAll("[data-testid=thinking-toggle]"));
    }

    [Fact]
    public void The_selected_models_privacy_note_and_region_are_shown()
    {
        var controls = Render<ModelControls>(p => p.Add(c => c.Models, [Thinker]).Add(c => c.Settings, new PlaygroundSettings { ModelConfigId = Thinker.Id }));

        var notes = controls.Find("[data-testid=model-notes]").TextContent;
        Assert.Contains("Nothing leaves the server.", notes, StringComparison.Ordinal);
        Assert.Contains("Local", notes, StringComparison.Ordinal);
        Assert.Contains("medium cost", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_fit_the_model_and_turn_into_what_is_sent()
    {
        var settings = new PlaygroundSettings { MaxTokens = 50_000, ThinkingBudget = 100, ThinkingEnabled = true, Temperature = 0.4 };
        settings.FitTo(Thinker);
        Assert.Equal(32_000, settings.MaxTokens);
        Assert.Equal(1024, settings.ThinkingBudget);

        var sent = settings.ToTurnSettings(Thinker);
        Assert.Equal((true, 1024, (string?)null, (double?)null), (sent.ThinkingEnabled, sent.ThinkingBudget, sent.ThinkingEffort, sent.Temperature));

        var onSwift = settings.ToTurnSettings(Swift);
        Assert.False(onSwift.ThinkingEnabled); // a model without thinking is never asked to think
        Assert.Equal(0.4, onSwift.Temperature);
    }
}
