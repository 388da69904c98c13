using Microsoft.Extensions.Options;

namespace Grimoire.Core.Annotation.Pdf;

/// <summary>Bound from <c>Grimoire:Pdf</c>: the Chromium that prints PDF exports (X8). Defaults in docs/exports.md.</summary>
public sealed class PdfExportOptions
{
    public const string Section = "Grimoire:Pdf";

    /// <summary>The browser to drive; never downloaded (Debian's package by default).</summary>
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    /// <summary>
    /// Start Chromium with <c>--no-sandbox</c>. Unset means: only when this process runs as root, where Chromium
    /// refuses to start its sandbox (containers, CI).
    /// </summary>
    public bool? NoSandbox { get; set; }

    /// <summary>Pages printing at once in the shared browser; more wait their turn.</summary>
    public int MaxConcurrentPages { get; set; } = 2;

    /// <summary>How long one print may take, waiting for a page included.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(60);

    internal bool SandboxOff => NoSandbox ?? Environment.UserName == "root";
}

internal sealed class PdfExportOptionsValidator : IValidateOptions<PdfExportOptions>
{
    public ValidateOptionsResult Validate(string? name, PdfExportOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ExecutablePath))
        {
            failures.Add($"{PdfExportOptions.Section}:ExecutablePath names the Chromium to print with (e.g. /usr/bin/chromium).");
        }

        if (options.MaxConcurrentPages is < 1 or > 32)
        {
            failures.Add($"{PdfExportOptions.Section}:MaxConcurrentPages is 1 to 32.");
        }

        if (options.TimeLimit < TimeSpan.FromSeconds(1) || options.TimeLimit > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{PdfExportOptions.Section}:TimeLimit is between 00:00:01 and 00:10:00.");
        }

        // A missing browser is not fatal at start-up: the rest of the product works, and a PDF download says why it cannot.
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
