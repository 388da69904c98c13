using Grimoire.Core.Playground;

namespace Grimoire.Core.Tests.Options;

/// <summary>The playground's limits are refused at start-up when out of range, naming the setting (issue 17 items 7, 8).</summary>
public sealed class PlaygroundOptionsValidationTests
{
    [Theory]
    [InlineData(nameof(PlaygroundOptions.MaxMessageChars), 0)]
    [InlineData(nameof(PlaygroundOptions.MaxSystemPromptChars), 1_000_001)]
    [InlineData(nameof(PlaygroundOptions.MaxEditChars), -1)]
    [InlineData(nameof(PlaygroundOptions.MaxMessagesPerConversation), 1)]
    [InlineData(nameof(PlaygroundOptions.UnknownContextTokens), 999)]
    [InlineData(nameof(PlaygroundOptions.MaxAnswersInFlight), 0)]
    [InlineData(nameof(PlaygroundOptions.ConversationsPerMinute), -1)]
    public void An_out_of_range_limit_is_refused_naming_the_setting(string setting, int value)
    {
        var options = new PlaygroundOptions();
        typeof(PlaygroundOptions).GetProperty(setting)!.SetValue(options, value);

        var result = new PlaygroundOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Grimoire:Playground:{setting} must be", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_pass_and_the_circuit_takes_the_longest_text_even_fully_escaped()
    {
        var options = new PlaygroundOptions();

        Assert.True(new PlaygroundOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.CircuitReceiveBytes >= 6L * options.MaxEditChars);
        Assert.True(options.CircuitReceiveBytes > 32 * 1024);
    }
}
