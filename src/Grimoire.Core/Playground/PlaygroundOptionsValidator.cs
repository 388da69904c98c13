using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground;

internal sealed class PlaygroundOptionsValidator : IValidateOptions<PlaygroundOptions>
{
    public ValidateOptionsResult Validate(string? name, PlaygroundOptions options)
    {
        var failures = new List<string>();
        if (options.TurnsPerMinute < 0)
        {
            failures.Add($"{PlaygroundOptions.Section}:TurnsPerMinute must be 0 (no limit) or more.");
        }

        if (options.TurnBurst < 1)
        {
            failures.Add($"{PlaygroundOptions.Section}:TurnBurst must be at least 1.");
        }

        if (options.CheckpointInterval < TimeSpan.FromMilliseconds(50) || options.CheckpointInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{PlaygroundOptions.Section}:CheckpointInterval must be between 00:00:00.05 and 00:01:00.");
        }

        TextLimit(failures, nameof(options.MaxMessageChars), options.MaxMessageChars);
        TextLimit(failures, nameof(options.MaxSystemPromptChars), options.MaxSystemPromptChars);
        TextLimit(failures, nameof(options.MaxEditChars), options.MaxEditChars);
        if (options.MaxMessagesPerConversation < 2)
        {
            failures.Add($"{PlaygroundOptions.Section}:MaxMessagesPerConversation must be at least 2 (a question and its answer).");
        }

        if (options.UnknownContextTokens < 1_000)
        {
            failures.Add($"{PlaygroundOptions.Section}:UnknownContextTokens must be at least 1000.");
        }

        if (options.MaxAnswersInFlight < 1)
        {
            failures.Add($"{PlaygroundOptions.Section}:MaxAnswersInFlight must be at least 1.");
        }

        if (options.ConversationsPerMinute < 0)
        {
            failures.Add($"{PlaygroundOptions.Section}:ConversationsPerMinute must be 0 (no limit) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void TextLimit(List<string> failures, string setting, int value)
    {
        if (value is < 1 or > PlaygroundOptions.MaxTextLimit)
        {
            failures.Add($"{PlaygroundOptions.Section}:{setting} must be between 1 and {PlaygroundOptions.MaxTextLimit}.");
        }
    }
}
