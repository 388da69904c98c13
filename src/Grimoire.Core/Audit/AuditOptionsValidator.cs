using Microsoft.Extensions.Options;

namespace Grimoire.Core.Audit;

internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public const long MinFileBytes = 1024;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory) || options.Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{AuditOptions.Section}:Directory must be a usable folder path (empty means {{DataDirectory}}/archive).");
        }

        if (!AuditFileName.IsValidNodeId(options.NodeId))
        {
            errors.Add(
                $"{AuditOptions.Section}:NodeId must be 1 to {AuditFileName.MaxNodeIdLength} letters, digits, '-', '_' or '.' "
                + $"(it is part of the archive file names); '{options.NodeId}' is not.");
        }

        if (options.MaxFileBytes < MinFileBytes)
        {
            errors.Add($"{AuditOptions.Section}:MaxFileBytes must be at least {MinFileBytes} (bytes).");
        }

        if (options.AcceptBrokenAnchor.Length > 0
            && !(options.AcceptBrokenAnchor.LastIndexOf(':') is var colon and > 0
                 && AuditFileName.IsValidNodeId(options.AcceptBrokenAnchor[..colon])
                 && long.TryParse(options.AcceptBrokenAnchor[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            errors.Add($"{AuditOptions.Section}:AcceptBrokenAnchor must be empty or node:record (e.g. web-1:815), as the start-up refusal names it.");
        }

        if (options.QueueCapacity < 1)
        {
            errors.Add($"{AuditOptions.Section}:QueueCapacity must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
