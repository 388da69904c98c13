using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Grimoire.Core.Audit;

namespace Grimoire.Core.Tests.Audit;

/// <summary>What an attacker with write access to the archive folder can do, knowing the documented format.</summary>
public static partial class ArchiveTampering
{
    /// <summary>Cuts the last <paramref name="count"/> lines of <paramref name="file"/>, whole lines, so the rest still chains.</summary>
    public static void RemoveLastLines(string file, int count)
    {
        var lines = ArchiveFolder.Lines(file);
        ArchiveFolder.WriteLines(file, lines.Take(lines.Count - count));
    }

    /// <summary>
    /// Changes the record <paramref name="sequence"/> with <paramref name="change"/> (on its text) and recomputes the
    /// hash of it and of every record after it, in every file, so the chain checks out on its own.
    /// </summary>
    public static void RewriteFrom(IReadOnlyList<string> files, long sequence, Func<string, string> change)
    {
        string? prev = null;
        foreach (var file in files)
        {
            var lines = ArchiveFolder.Lines(file).Select(ArchiveFolder.Text).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                var seq = ArchiveFolder.Header(Encoding.UTF8.GetBytes(lines[i])).GetProperty("seq").GetInt64();
                if (seq < sequence)
                {
                    continue;
                }

                var body = lines[i][..^AuditLine.SuffixLength];
                body = seq == sequence ? change(body) : PrevMember().Replace(body, $"\"prev\":\"{prev}\"", 1);
                prev = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body + "}")));
                lines[i] = body + $",\"hash\":\"{prev}\"}}";
            }

            ArchiveFolder.WriteLines(file, lines.Select(Encoding.UTF8.GetBytes));
        }
    }

    /// <summary>The hash member of a file's last record.</summary>
    public static string LastHash(string file) => ArchiveFolder.Header(ArchiveFolder.Lines(file)[^1]).GetProperty("hash").GetString()!;

    [GeneratedRegex("\"prev\":\"[0-9a-f]{64}\"")]
    private static partial Regex PrevMember();
}
