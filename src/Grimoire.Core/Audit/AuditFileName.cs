using System.Globalization;
using System.Text.RegularExpressions;

namespace Grimoire.Core.Audit;

/// <summary>
/// The name of one archive file: <c>audit.{node}.{number:000000}.{yyyy-MM-dd}.jsonl</c>. The number counts this
/// node's files from 1 with no gaps, so a missing file shows; the date is the UTC day the file was opened.
/// </summary>
internal sealed partial record AuditFileName(string NodeId, long Number, DateOnly Date)
{
    public const int MaxNodeIdLength = 64;

    /// <summary>Where a torn last line goes: beside its file, with this marker and a UTC time stamp.</summary>
    public const string TornMarker = ".torn-";

    public string Name => string.Create(CultureInfo.InvariantCulture, $"audit.{NodeId}.{Number:000000}.{Date:yyyy-MM-dd}.jsonl");

    public AuditFileName Next(DateOnly date) => new(NodeId, Number + 1, date);

    public static bool IsValidNodeId(string? nodeId) => nodeId is { Length: > 0 and <= MaxNodeIdLength } && NodeIdPattern().IsMatch(nodeId);

    /// <summary>A machine name made file-name safe, for the default node id.</summary>
    public static string NodeIdFrom(string machineName)
    {
        var safe = new string([.. machineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Trim('.');
        return safe.Length == 0 ? "node" : safe[..Math.Min(safe.Length, MaxNodeIdLength)];
    }

    public static AuditFileName? TryParse(string fileName)
    {
        var match = FilePattern().Match(fileName);
        return match.Success
            && long.TryParse(match.Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && DateOnly.TryParseExact(match.Groups["date"].ValueSpan, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new AuditFileName(match.Groups["node"].Value, number, date)
                : null;
    }

    /// <summary>Every archive file in <paramref name="directory"/>, by node, then by number.</summary>
    public static IReadOnlyList<AuditFile> List(string directory) =>
        [.. System.IO.Directory.EnumerateFiles(directory, "audit.*.jsonl")
            .Select(path => (path, name: TryParse(Path.GetFileName(path))))
            .Where(f => f.name is not null)
            .Select(f => new AuditFile(f.name!, f.path))
            .OrderBy(f => f.Name.NodeId, StringComparer.Ordinal)
            .ThenBy(f => f.Name.Number)];

    /// <summary>Torn fragments kept aside by the writer at start-up.</summary>
    public static IReadOnlyList<string> ListSetAside(string directory) =>
        [.. System.IO.Directory.EnumerateFiles(directory, "audit.*.jsonl" + TornMarker + "*").Order(StringComparer.Ordinal)];

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex NodeIdPattern();

    [GeneratedRegex(@"^audit\.(?<node>[A-Za-z0-9_.-]+)\.(?<number>\d{6,})\.(?<date>\d{4}-\d{2}-\d{2})\.jsonl$")]
    private static partial Regex FilePattern();
}

/// <summary>An archive file found on disk.</summary>
internal sealed record AuditFile(AuditFileName Name, string Path)
{
    /// <summary>The whole file, shared with a writer that may be appending to it.</summary>
    public async Task<byte[]> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, useAsync: true);
        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }
}
