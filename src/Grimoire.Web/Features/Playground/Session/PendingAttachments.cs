using Grimoire.Core.Attachments;
using Grimoire.Web.State;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>One file in the composer: uploading (with progress), stored, or refused with why (AC7.1, AC7.2).</summary>
public sealed class PendingFile(string name, long size)
{
    public Guid LocalId { get; } = Guid.NewGuid();

    public string Name { get; } = name;

    public long Size { get; } = size;

    public double Progress { get; internal set; }

    public AttachmentReference? Stored { get; internal set; }

    public string? Refusal { get; internal set; }

    public bool Uploading => Stored is null && Refusal is null;
}

/// <summary>
/// The files waiting to go with the next message. Each streams from the browser straight into the workspace's
/// file store (<see cref="AttachmentUploads"/>): the circuit holds one read buffer, never the whole file.
/// </summary>
public sealed class PendingAttachments(AttachmentUploads uploads, IOptions<AttachmentOptions> options) : ObservableState
{
    private readonly List<PendingFile> files = [];

    public IReadOnlyList<PendingFile> Files => files;

    public AttachmentOptions Limits => options.Value;

    public bool AnyUploading => files.Any(f => f.Uploading);

    public IReadOnlyList<Guid> StoredIds => [.. files.Where(f => f.Stored is not null).Select(f => f.Stored!.Id)];

    /// <summary>Uploads each file into <paramref name="workspaceId"/>, one after another; refusals stay on their chips.</summary>
    public async Task AddAsync(Guid userId, Guid workspaceId, IReadOnlyList<IBrowserFile> browserFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(browserFiles);
        var room = Limits.MaxFilesPerMessage - files.Count(f => f.Refusal is null);
        var chips = browserFiles.Select(f => (File: f, Chip: new PendingFile(f.Name, f.Size))).ToList();
        files.AddRange(chips.Select(c => c.Chip));
        RaiseChanged();
        foreach (var (file, chip) in chips)
        {
            if (room-- <= 0)
            {
                chip.Refusal = TooManyFiles(Limits.MaxFilesPerMessage); // never read from the browser
                continue;
            }

            await UploadAsync(userId, workspaceId, file, chip, cancellationToken);
            RaiseChanged();
        }
    }

    public static string TooManyFiles(int max) => $"At most {max} files can go on one message.";

    /// <summary>Refuses every file in <paramref name="browserFiles"/> with <paramref name="reason"/>, shown on its chip.</summary>
    public void RefuseAll(IReadOnlyList<IBrowserFile> browserFiles, string reason)
    {
        ArgumentNullException.ThrowIfNull(browserFiles);
        files.AddRange(browserFiles.Select(f => new PendingFile(f.Name, f.Size) { Refusal = reason }));
        RaiseChanged();
    }

    public void Remove(Guid localId)
    {
        files.RemoveAll(f => f.LocalId == localId);
        RaiseChanged();
    }

    public void Clear()
    {
        files.Clear();
        RaiseChanged();
    }

    private async Task UploadAsync(Guid userId, Guid workspaceId, IBrowserFile file, PendingFile chip, CancellationToken cancellationToken)
    {
        if (file.Size > Limits.MaxFileBytes)
        {
            chip.Refusal = AttachmentUploads.FileTooLarge(Limits.MaxFileBytes); // never read from the browser at all
            return;
        }

        try
        {
            await using var browser = file.OpenReadStream(Limits.MaxFileBytes, cancellationToken);
            await using var progress = new ProgressStream(browser, file.Size, fraction =>
            {
                chip.Progress = fraction;
                RaiseChanged();
            });
            var result = await uploads.UploadAsync(userId, workspaceId, file.Name, file.Size, progress, cancellationToken);
            chip.Stored = result.Reference;
            chip.Refusal = result.Refusal;
        }
        catch (IOException)
        {
            chip.Refusal = "The upload was interrupted. Remove the file and attach it again.";
        }
    }
}
