namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The demo host with a small per-file limit (200 KB), so a test can send a file over it; the README's sample files
/// (samples/attachments) are all under it.
/// </summary>
public sealed class AttachmentBrowserApp : BrowserApp
{
    public const long MaxFileBytes = 200_000;

    public AttachmentBrowserApp()
        : base(new Dictionary<string, string?> { ["Grimoire:Attachments:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) }, null)
    {
    }

    /// <summary>A file of the repository's samples/attachments folder (the README's walk-through uses the same ones).</summary>
    public static byte[] Sample(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "samples", "attachments", name);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException($"samples/attachments/{name} not found above {AppContext.BaseDirectory}.");
    }
}
