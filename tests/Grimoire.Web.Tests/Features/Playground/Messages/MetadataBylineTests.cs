using Bunit;
using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Web.Tests.Features.Playground.Messages;

public sealed class MetadataBylineTests : MessageComponentTest
{
    [Fact]
    public void Shows_every_value_with_its_label()
    {
        var cut = Render<MetadataByline>(p => p.Add(x => x.Byline, SampleByline()));

        Assert.NotNull(cut.Find("[data-testid=byline]"));
        AssertItem(cut, "model", "Model", "Claude Sonnet (simulated)");
        AssertItem(cut, "input-tokens", "Input tokens", "1,234");
        AssertItem(cut, "output-tokens", "Output tokens", "567");
        AssertItem(cut, "thinking-tokens", "Thinking tokens", "89");
        AssertItem(cut, "cost", "Cost (est.)", "$0.000123");
        AssertItem(cut, "temperature", "Temperature", "0.7");
        AssertItem(cut, "max-tokens", "Max tokens", "4,096");
        AssertItem(cut, "thinking", "Thinking", "budget 2,048 tokens");
        AssertItem(cut, "duration", "Duration", "3.5 s");
        AssertItem(cut, "first-token", "First token", "820 ms");
        Assert.Equal("simulated/sonnet", cut.Find("[data-byline-item=model]").GetAttribute("title"));
    }

    [Fact]
    public void Unsent_parameters_and_unknown_numbers_say_so()
    {
        var byline = SampleByline() with
        {
            Temperature = null,
            MaxTokens = null,
            CostUsd = null,
            ThinkingTokens = null,
            TimeToFirstToken = null,
            Thinking = "off",
        };

        var cut = Render<MetadataByline>(p => p.Add(x => x.Byline, byline));

        AssertItem(cut, "temperature", "Temperature", "default");
        AssertItem(cut, "max-tokens", "Max tokens", "default");
        AssertItem(cut, "cost", "Cost (est.)", BylineFormat.Unknown);
        AssertItem(cut, "thinking-tokens", "Thinking tokens", BylineFormat.Unknown);
        AssertItem(cut, "first-token", "First token", BylineFormat.Unknown);
        AssertItem(cut, "thinking", "Thinking", "off");
    }

    [Theory]
    [InlineData("0.000123", "$0.000123")]
    [InlineData("0.0000004567", "$0.000000457")]
    [InlineData("0.00999", "$0.00999")]
    [InlineData("0.0123", "$0.0123")]
    [InlineData("0.123456", "$0.1235")]
    [InlineData("0.5", "$0.50")]
    [InlineData("1.5", "$1.50")]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("0", "$0.00")]
    public void Cost_keeps_tiny_amounts_readable(string usd, string expected) =>
        Assert.Equal(expected, BylineFormat.Cost(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Unknown_cost_is_a_dash() => Assert.Equal(BylineFormat.Unknown, BylineFormat.Cost(null));

    [Theory]
    [InlineData(250, "250 ms")]
    [InlineData(12_340, "12.3 s")]
    [InlineData(125_000, "2 min 05 s")]
    public void Durations_pick_a_readable_unit(int milliseconds, string expected) =>
        Assert.Equal(expected, BylineFormat.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.25, "0.25")]
    [InlineData(0.0, "0.0")]
    public void Temperature_shows_the_value_sent(double value, string expected) =>
        Assert.Equal(expected, BylineFormat.Temperature(value));

    private static void AssertItem(IRenderedComponent<MetadataByline> cut, string key, string label, string value)
    {
        var item = cut.Find($"[data-byline-item={key}]");
        Assert.Equal(label, item.QuerySelector("dt")?.TextContent);
        Assert.Equal(value, item.QuerySelector("dd")?.TextContent);
    }
}
