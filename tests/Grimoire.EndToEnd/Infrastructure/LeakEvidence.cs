using System.Diagnostics;
using System.Text;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// Everything a secret could have reached, gathered once a walk is over: each browser context's recorded responses
/// (headers and body) and WebSocket frames, every line the host logged, and every file in the host's data folder
/// (database and its journals, audit archive, data-protection keys, anything else). Each piece keeps a label saying
/// where it came from, so a hit names its place without repeating the secret.
/// </summary>
public sealed class LeakEvidence
{
    private LeakEvidence(IReadOnlyList<Piece> pieces) => Pieces = pieces;

    public IReadOnlyList<Piece> Pieces { get; }

    public int Count(string kind) => Pieces.Count(p => p.Kind == kind);

    public int Count(string kind, string who) => Pieces.Count(p => p.Kind == kind && p.Who == who);

    public static async Task<LeakEvidence> GatherAsync(
        IReadOnlyDictionary<string, TrafficRecorder> recorders, IReadOnlyList<string> logLines, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        ArgumentNullException.ThrowIfNull(logLines);
        var pieces = new List<Piece>();
        foreach (var (who, recorder) in recorders)
        {
            var index = 0;
            foreach (var captured in recorder.All)
            {
                index++;
                var status = captured.Status == 0 ? "" : $" {captured.Status}";
                pieces.Add(new Piece(captured.Kind, who, $"{who}: {captured.Kind} #{index}{status} {captured.Url}", captured.Bytes));
            }
        }

        for (var i = 0; i < logLines.Count; i++)
        {
            var line = logLines[i];
            var category = line.Split(' ', 2)[0];
            pieces.Add(new Piece("log", "host", $"log line #{i + 1} ({category})", Encoding.UTF8.GetBytes(line)));
        }

        foreach (var path in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories))
        {
            pieces.Add(new Piece("file", "host", $"file {Path.GetRelativePath(dataDirectory, path)}", await ReadSharedAsync(path)));
        }

        return new LeakEvidence(pieces);
    }

    /// <summary>
    /// A file the running host may hold open. SQLite shares its files; the audit writer locks its lock file
    /// exclusively, which .NET on Linux enforces with flock for every FileStream in this process, so such a file is
    /// read by cat, which does not ask for the lock.
    /// </summary>
    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        try
        {
            return await File.ReadAllBytesAsync(path);
        }
        catch (IOException)
        {
            using var cat = Process.Start(new ProcessStartInfo("cat", [path]) { RedirectStandardOutput = true })!;
            using var copy = new MemoryStream();
            await cat.StandardOutput.BaseStream.CopyToAsync(copy);
            await cat.WaitForExitAsync();
            return cat.ExitCode == 0 ? copy.ToArray() : throw new IOException($"cat could not read {path} either.");
        }
    }

    /// <summary>Every hit of <paramref name="scan"/> in the pieces that <paramref name="which"/> selects (all when null).</summary>
    public IReadOnlyList<string> Find(SecretScan scan, Func<Piece, bool>? which = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return [.. Pieces.Where(which ?? (_ => true)).SelectMany(p => scan.Find(p.Where, p.Bytes))];
    }

    /// <summary>
    /// One recorded thing: <paramref name="Kind"/> is response, response-unread, frame-received, frame-sent, log or file;
    /// <paramref name="Who"/> the browser context's name (or "host").
    /// </summary>
    public sealed record Piece(string Kind, string Who, string Where, byte[] Bytes);
}
