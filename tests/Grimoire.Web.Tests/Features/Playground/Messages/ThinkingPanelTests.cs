using Bunit;
using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Web.Tests.Features.Playground.Messages;

public sealed class ThinkingPanelTests : MessageComponentTest
{
    [Fact]
    public void Streams_expanded_while_the_model_thinks()
    {
        var cut = Render<ThinkingPanel>(p => p
            .Add(x => x.Thinking, "Let me consider")
            .Add(x => x.Phase, LivePhase.Thinking));

        Assert.Equal("true", cut.Find("[data-testid=thinking-panel]").GetAttribute("data-expanded"));
        Assert.Equal("Let me consider", cut.Find("[data-testid=thinking-content]").TextContent);

        cut.Render(p => p.Add(x => x.Thinking, "Let me consider the options"));

        Assert.Equal("Let me consider the options", cut.Find("[data-testid=thinking-content]").TextContent);
    }

    [Fact]
    public void Collapses_when_the_answer_starts_and_can_be_reopened()
    {
        var cut = Render<ThinkingPanel>(p => p
            .Add(x => x.Thinking, "Reasoning")
            .Add(x => x.Phase, LivePhase.Thinking));

        cut.Render(p => p.Add(x => x.Phase, LivePhase.Answering));

        Assert.Equal("false", cut.Find("[data-testid=thinking-panel]").GetAttribute("data-expanded"));
        Assert.Empty(cut.FindAll("[data-testid=thinking-content]"));

        cut.Find("[data-testid=thinking-toggle]").Click();

        Assert.Equal("Reasoning", cut.Find("[data-testid=thinking-content]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=thinking-toggle]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void A_student_choice_wins_over_the_automatic_collapse()
    {
        var cut = Render<ThinkingPanel>(p => p
            .Add(x => x.Thinking, "Reasoning")
            .Add(x => x.Phase, LivePhase.Answering));
        cut.Find("[data-testid=thinking-toggle]").Click();

        cut.Render(p => p.Add(x => x.Phase, LivePhase.None));

        Assert.Equal("true", cut.Find("[data-testid=thinking-panel]").GetAttribute("data-expanded"));
    }

    [Fact]
    public void A_student_can_close_it_while_it_still_streams()
    {
        var cut = Render<ThinkingPanel>(p => p
            .Add(x => x.Thinking, "Reasoning")
            .Add(x => x.Phase, LivePhase.Thinking));

        cut.Find("[data-testid=thinking-toggle]").Click();
        cut.Render(p => p.Add(x => x.Thinking, "Reasoning, more"));

        Assert.Equal("false", cut.Find("[data-testid=thinking-panel]").GetAttribute("data-expanded"));
    }

    [Fact]
    public void A_finished_message_opens_with_thinking_collapsed()
    {
        var cut = Render<ThinkingPanel>(p => p.Add(x => x.Thinking, "Reasoning").Add(x => x.Phase, LivePhase.None));

        Assert.Equal("false", cut.Find("[data-testid=thinking-panel]").GetAttribute("data-expanded"));
        Assert.Empty(cut.FindAll("[data-testid=thinking-content]"));
    }

    [Fact]
    public void Says_when_the_provider_redacted_thinking()
    {
        var cut = Render<ThinkingPanel>(p => p.Add(x => x.HasRedactedThinking, true));

        Assert.Equal("Thinking was redacted by the provider.", cut.Find("[data-testid=thinking-redacted]").TextContent);
    }

    [Fact]
    public void Renders_nothing_without_thinking()
    {
        var cut = Render<ThinkingPanel>(p => p.Add(x => x.Phase, LivePhase.Answering));

        Assert.Empty(cut.FindAll("[data-testid=thinking-panel]"));
    }

    [Fact]
    public void Thinking_text_is_shown_as_text_never_as_markup()
    {
        var cut = Render<ThinkingPanel>(p => p
            .Add(x => x.Thinking, "<script>alert(1)</script><img src=x onerror=alert(1)>")
            .Add(x => x.Phase, LivePhase.Thinking));

        var content = cut.Find("[data-testid=thinking-content]");
        Assert.Empty(content.QuerySelectorAll("script, img"));
        Assert.Equal("<script>alert(1)</script><img src=x onerror=alert(1)>", content.TextContent);
    }
}
