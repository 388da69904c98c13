using Grimoire.Core.Attachments;
using Grimoire.Core.Attachments.Delivery;
using Grimoire.Core.Attachments.Reading;
using Grimoire.Core.Attachments.Storage;
using Grimoire.Core.Hosting;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Grimoire.Llm.Tests.Attachments;

/// <summary>
/// The recorded input files (tests/fixtures/attachments) put into a real <see cref="LocalFileStore"/> in a temp
/// folder the way an upload leaves them (typed by content, a PDF's text kept beside it), and turned into the parts
/// the model gets by Core's <see cref="AttachmentParts"/>.
/// </summary>
internal sealed class StoredFiles
{
    private readonly string folder = Directory.CreateTempSubdirectory("grimoire-wire-").FullName;
    private readonly AttachmentOptions limits = new();
    private readonly LocalFileStore store;

    public StoredFiles()
    {
        limits.Directory = folder;
        store = new LocalFileStore(Options.Create(limits),
            new DataDirectory(Options.Create(new GrimoireOptions()), new HostingEnvironment { ContentRootPath = folder }));
    }

    public async Task<AIContent> PartAsync(string fixture, string name, AttachmentDelivery delivery)
    {
        var bytes = Fixtures.Bytes("attachments/" + fixture);
        var (kind, mediaType) = ContentSniffer.Sniff(bytes, name) ?? throw new InvalidOperationException(fixture + " is not a known type");
        var row = new Attachment
        {
            Id = Guid.Parse("0198a5b2-0000-7000-8000-00000000000a"),
            WorkspaceId = Guid.Parse("0198a5b2-0000-7000-8000-00000000000b"),
            FileName = name, MediaType = mediaType, Kind = kind, Size = bytes.Length,
        };
        row.StorageKey = $"{row.WorkspaceId:N}/{Guid.NewGuid():N}";
        await store.WriteAsync(row.StorageKey, new MemoryStream(bytes), CancellationToken.None);
        if (kind == AttachmentKind.Pdf)
        {
            var (text, refusal) = await PdfReading.ExtractAsync(new MemoryStream(bytes), limits.MaxPdfPages, limits.PdfTimeout, CancellationToken.None);
            Assert.Null(refusal);
            await store.WriteAsync(row.StorageKey + ".txt", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text!)), CancellationToken.None);
        }

        return await AttachmentParts.BuildAsync(row, store, limits, delivery, CancellationToken.None);
    }

    public void Delete() => Directory.Delete(folder, recursive: true);
}
