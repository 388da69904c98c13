using Grimoire.Core.Demo;
using Grimoire.Core.Playground;

namespace Grimoire.Web.Tests.Features.Playground.State;

/// <summary>The composer settings (AC1.1, AC1.4, AC1.5, AC1.6): course defaults, fitting to the model, the prompt and its tokens.</summary>
public sealed class ComposerStateTests(PlaygroundStateHost host) : IClassFixture<PlaygroundStateHost>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task AC1_6_a_new_playground_starts_with_the_courses_prompt_and_model_and_counts_the_prompts_tokens()
    {
        await using var circuit = await host.CircuitAsync("alex");
        var composer = circuit.Session.Composer;

        Assert.Equal(DemoData.DefaultSystemPrompt, composer.SystemPrompt);
        Assert.True(composer.SystemPromptTokens > 0);
        Assert.NotNull(composer.SelectedModel);
        Assert.Contains(circuit.Session.Course.Models, m => m.Id == composer.SelectedModel!.Id);

        composer.SetSystemPrompt("");
        Assert.Equal(0, composer.SystemPromptTokens);
        composer.ResetSystemPrompt();
        Assert.Equal(DemoData.DefaultSystemPrompt, composer.SystemPrompt);
    }

    [Fact]
    public async Task AC1_5_choosing_a_model_fits_the_numbers_to_it()
    {
        await using var circuit = await host.CircuitAsync("alex");
        var composer = circuit.Session.Composer;
        var thinker = circuit.Session.Course.Models.First(m => m.SupportsThinking && m.MaxOutputTokens is not null);

        composer.Settings.MaxTokens = int.MaxValue;
        composer.SelectModel(thinker.Id);

        Assert.Equal(thinker.Id, composer.SelectedModel!.Id);
        Assert.Equal(thinker.MaxOutputTokens, composer.Settings.MaxTokens);
        Assert.Equal(thinker.Id, composer.TurnSettings().ModelConfigId);
    }

    [Fact]
    public async Task A_prompt_over_the_limit_is_never_sent_and_nothing_is_created()
    {
        await using var circuit = await host.CircuitAsync("sam");
        var composer = circuit.Session.Composer;
        var before = circuit.Session.Conversations.Items.Count;

        composer.SystemPromptTooLong(composer.Limits.MaxSystemPromptChars + 1);
        var refusal = await circuit.Session.SendAsync("Hello", Ct);

        Assert.NotNull(refusal);
        Assert.Equal(PlaygroundLimits.SystemPromptTooLong(composer.Limits.MaxSystemPromptChars + 1, composer.Limits.MaxSystemPromptChars), refusal);
        Assert.Equal(refusal, circuit.Session.Notice.Text);
        Assert.Null(circuit.Session.Conversation.Id);
        await circuit.Session.Conversations.RefreshAsync(Ct);
        Assert.Equal(before, circuit.Session.Conversations.Items.Count);

        composer.SystemPromptTooLong(0);
        Assert.Null(composer.SystemPromptProblem);
    }
}
