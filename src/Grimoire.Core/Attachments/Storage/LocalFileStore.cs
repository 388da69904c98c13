using Grimoire.Core.Hosting;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments.Storage;

/// <summary>
/// The default store: a folder (<see cref="AttachmentOptions.Directory"/>, else <c>{DataDirectory}/files</c>). A key
/// is checked to be made of ids (hex and dots under one slash), so no key can reach outside the folder.
/// </summary>
public sealed class LocalFileStore(IOptions<AttachmentOptions> options, DataDirectory dataDirectory) : IFileStore
{
    private readonly string root = Path.GetFullPath(
        string.IsNullOrWhiteSpace(options.Value.Directory) ? "files" : options.Value.Directory, dataDirectory.Path);

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(partial, path);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)
            : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key) => Path.Combine(root, StorageKeys.Checked(key));
}
