using Bunit;
using Grimoire.Web.Features.Playground;

namespace Grimoire.Web.Tests.Features.Playground.Controls;

/// <summary>AC1.1, AC1.6: the prompt card shows the text, its estimate, and resets to the course default.</summary>
public sealed class SystemPromptCardTests : ControlsTest
{
    [Fact]
    public void Shows_the_prompt_and_its_token_estimate_labelled_as_an_estimate()
    {
        var card = Render<SystemPromptCard>(p => p
            .Add(c => c.Text, "Be Socratic.")
            .Add(c => c.Tokens, 12_345)
            .Add(c => c.Encoding, "o200k_base")
            .Add(c => c.CourseDefault, "Be Socratic."));

        Assert.Equal("Be Socratic.", card.Find("textarea[data-testid=system-prompt]").GetAttribute("value") ?? card.Find("textarea").TextContent);
        Assert.Contains("≈ 12,345 tokens (estimate)", card.Find("[data-testid=system-prompt-tokens]").TextContent, StringComparison.Ordinal);
        Assert.True(card.Find("[data-testid=system-prompt-reset]").HasAttribute("disabled")); // already the default
    }

    [Fact]
    public void Reset_is_offered_once_the_prompt_differs_and_calls_back()
    {
        var reset = false;
        var card = Render<SystemPromptCard>(p => p
            .Add(c => c.Text, "My own prompt")
            .Add(c => c.CourseDefault, "The course prompt")
            .Add(c => c.OnReset, () => reset = true));

        card.Find("[data-testid=system-prompt-reset]").Click();

        Assert.True(reset);
    }

    [Fact]
    public void Read_only_viewers_cannot_edit_or_reset()
    {
        var card = Render<SystemPromptCard>(p => p.Add(c => c.Text, "x").Add(c => c.CourseDefault, "y").Add(c => c.ReadOnly, true));

        Assert.True(card.Find("textarea").HasAttribute("readonly"));
        Assert.True(card.Find("[data-testid=system-prompt-reset]").HasAttribute("disabled"));
    }
}
