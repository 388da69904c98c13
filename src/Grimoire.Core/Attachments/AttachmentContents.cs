using Grimoire.Core.Attachments.Delivery;
using Grimoire.Core.Attachments.Storage;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments;

/// <summary>
/// What the model gets for each attached file (AC7.4), built by <see cref="AttachmentParts"/> as the model takes
/// files (<see cref="AttachmentDelivery"/>): images as base64 data, PDFs natively or as their text, text files as
/// delimited text. Built from the store on every turn, so later turns and regenerations carry the same files. Singleton.
/// </summary>
public sealed class AttachmentContents(IDbContextFactory<GrimoireDbContext> contextFactory, IFileStore store, IOptions<AttachmentOptions> options)
{
    /// <summary>The content parts for every file referred to by <paramref name="references"/>, as <paramref name="model"/> takes them.</summary>
    public Task<IReadOnlyDictionary<Guid, AIContent>> LoadAsync(
        IEnumerable<AttachmentReference> references, CourseModelConfig model, CancellationToken cancellationToken) =>
        LoadAsync(references, AttachmentDelivery.For(model), cancellationToken);

    /// <summary>As above; <paramref name="vision"/> sends images, every PDF goes as its text.</summary>
    public Task<IReadOnlyDictionary<Guid, AIContent>> LoadAsync(
        IEnumerable<AttachmentReference> references, bool vision, CancellationToken cancellationToken) =>
        LoadAsync(references, new AttachmentDelivery(vision, NativePdf: false), cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, AIContent>> LoadAsync(
        IEnumerable<AttachmentReference> references, AttachmentDelivery delivery, CancellationToken cancellationToken)
    {
        var wanted = references.Select(r => r.Id).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, AIContent>();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Attachments.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToListAsync(cancellationToken);
        var parts = new Dictionary<Guid, AIContent>();
        foreach (var row in rows)
        {
            parts[row.Id] = await AttachmentParts.BuildAsync(row, store, options.Value, delivery, cancellationToken);
        }

        return parts;
    }
}
