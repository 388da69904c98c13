using Grimoire.Core.Attachments.Storage;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments;

/// <summary>Bound from <c>Grimoire:Attachments</c>: where files live and how large they may be (issue 10, AC7). Defaults in the README.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Grimoire:Attachments";

    /// <summary><c>Local</c> (a folder, the default) or <c>S3</c> (an S3-compatible bucket, <see cref="S3"/>).</summary>
    public string Store { get; set; } = StoreKinds.Local;

    public S3StoreOptions S3 { get; set; } = new();

    /// <summary>Folder of the local file store. Empty means <c>{DataDirectory}/files</c>; relative resolves against the data folder.</summary>
    public string Directory { get; set; } = "";

    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    public int MaxFilesPerMessage { get; set; } = 10;

    public long MaxMessageBytes { get; set; } = 50L * 1024 * 1024;

    public long MaxWorkspaceBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Images go to the model no larger than this on their long edge (re-encoded, so EXIF/GPS are gone).</summary>
    public int MaxImageEdge { get; set; } = 2048;

    public int MaxPdfPages { get; set; } = 300;

    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Characters of a text file or a PDF's text sent to the model; the rest is cut with a note.</summary>
    public int MaxTextChars { get; set; } = 200_000;

    /// <summary>Files uploaded in a composer but never sent are deleted once older than this.</summary>
    public TimeSpan PendingRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the host looks for such files.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class AttachmentOptionsValidator : IValidateOptions<AttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AttachmentOptions options)
    {
        var failures = new List<string>();
        void Positive(string field, long value)
        {
            if (value < 1)
            {
                failures.Add($"{AttachmentOptions.Section}:{field} must be at least 1.");
            }
        }

        Positive(nameof(options.MaxFileBytes), options.MaxFileBytes);
        Positive(nameof(options.MaxFilesPerMessage), options.MaxFilesPerMessage);
        Positive(nameof(options.MaxMessageBytes), options.MaxMessageBytes);
        Positive(nameof(options.MaxWorkspaceBytes), options.MaxWorkspaceBytes);
        Positive(nameof(options.MaxPdfPages), options.MaxPdfPages);
        Positive(nameof(options.MaxTextChars), options.MaxTextChars);
        if (options.MaxImageEdge < 64)
        {
            failures.Add($"{AttachmentOptions.Section}:MaxImageEdge must be at least 64.");
        }

        if (options.MaxFileBytes > options.MaxMessageBytes || options.MaxMessageBytes > options.MaxWorkspaceBytes)
        {
            failures.Add($"{AttachmentOptions.Section}: MaxFileBytes ≤ MaxMessageBytes ≤ MaxWorkspaceBytes.");
        }

        if (options.PendingRetention < TimeSpan.FromMinutes(1) || options.CleanupInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{AttachmentOptions.Section}:PendingRetention must be at least a minute and CleanupInterval at least a second.");
        }

        failures.AddRange(StoreKinds.Problems(options));
        if (options.PdfTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{AttachmentOptions.Section}:PdfTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
