namespace Grimoire.Core.Attachments;

/// <summary>
/// A file uploaded into a workspace's file store (AC7.6). Messages refer to it by id from their
/// <see cref="Playground.PlaygroundMessage.FileReferencesJson"/>; the bytes live in the <see cref="Storage.IFileStore"/>
/// under <see cref="StorageKey"/>, a key made of ids (never the user's file name). Two uploads with the same
/// content in one workspace share one stored object (<see cref="Sha256"/>).
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; set; }

    /// <summary>The conversation of the message that first carried it; null while it waits in a composer.</summary>
    public Guid? ConversationId { get; set; }

    public Guid UploadedByUserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The name as the student gave it: shown on chips and to the model, never used as a storage path.</summary>
    public string FileName { get; set; } = "";

    /// <summary>Found from the content (magic bytes), not the extension.</summary>
    public string MediaType { get; set; } = "";

    public AttachmentKind Kind { get; set; }

    public long Size { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public string StorageKey { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public AttachmentReference ToReference() => new(Id, Sha256, FileName, MediaType, Kind, Size, Width, Height);
}

public enum AttachmentKind
{
    Image,
    Text,
    Pdf,
}
