using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground;

internal sealed class PlaygroundOptionsValidator : IValidateOptions<PlaygroundOptions>
{
    public ValidateOptionsResult Validate(string? name, PlaygroundOptions options)
    {
        if (options.TurnsPerMinute < 0)
        {
            return ValidateOptionsResult.Fail($"{PlaygroundOptions.Section}:TurnsPerMinute must be 0 (no limit) or more.");
        }

        if (options.TurnBurst < 1)
        {
            return ValidateOptionsResult.Fail($"{PlaygroundOptions.Section}:TurnBurst must be at least 1.");
        }

        return options.CheckpointInterval < TimeSpan.FromMilliseconds(50) || options.CheckpointInterval > TimeSpan.FromMinutes(1)
            ? ValidateOptionsResult.Fail($"{PlaygroundOptions.Section}:CheckpointInterval must be between 00:00:00.05 and 00:01:00.")
            : ValidateOptionsResult.Success;
    }
}
