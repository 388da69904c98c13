namespace Grimoire.Core.Attachments.Storage;

/// <summary>Where attachment bytes live (AC7.6). Keys are made of ids by the caller, never of file names.</summary>
public interface IFileStore
{
    /// <summary>Copies <paramref name="content"/> to <paramref name="key"/> as it arrives (never buffered whole); replaces nothing.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
