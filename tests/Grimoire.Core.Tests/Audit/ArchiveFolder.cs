using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Grimoire.Core.Audit;
using Grimoire.Core.Playground;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Tests.Audit;

/// <summary>
/// A temporary archive folder and the archives opened on it (disposed with it), with the log lines they wrote and
/// a clock the test sets. Records are edit records whose text says which one they are.
/// </summary>
public sealed class ArchiveFolder : IAsyncLifetime
{
    private readonly List<AuditArchive> opened = [];

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "grimoire-audit-tests", Guid.NewGuid().ToString("N"));

    public SettableTime Time { get; } = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public ConcurrentQueue<string> Logs { get; } = new();

    public AuditArchive Open(string nodeId = "node-a", long maxFileBytes = 64 * 1024 * 1024, bool fsync = true)
    {
        var options = new AuditOptions { Directory = Path, NodeId = nodeId, MaxFileBytes = maxFileBytes, Fsync = fsync };
        var archive = new AuditArchive(Microsoft.Extensions.Options.Options.Create(options), Time, new ListLogger<AuditArchive>(Logs));
        opened.Add(archive);
        return archive;
    }

    public static AuditEntry Record(int n, DateTime? at = null, AuditIds? ids = null) =>
        AuditEntries.MessageEdited(
            ids ?? new AuditIds(UserId: Guid.Empty, MessageId: Guid.CreateVersion7()),
            at ?? new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
            MessageRole.User,
            [AuditChange.Content($"before {n}", $"record {n} — ünïcödé")]);

    public static async Task AppendAsync(AuditArchive archive, int from, int count)
    {
        for (var n = from; n < from + count; n++)
        {
            await archive.AppendAsync(Record(n), CancellationToken.None);
        }
    }

    public IReadOnlyList<string> Files(string nodeId = "node-a") =>
        [.. Directory.GetFiles(Path, $"audit.{nodeId}.*.jsonl").Order(StringComparer.Ordinal)];

    public string File(int index = 0) => Files()[index];

    /// <summary>The lines of a file, each without its newline.</summary>
    public static List<byte[]> Lines(string file)
    {
        var bytes = System.IO.File.ReadAllBytes(file);
        var lines = new List<byte[]>();
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            end = end < 0 ? bytes.Length : end;
            lines.Add(bytes[start..end]);
            start = end + 1;
        }

        return lines;
    }

    public static void WriteLines(string file, IEnumerable<byte[]> lines) =>
        System.IO.File.WriteAllBytes(file, [.. lines.SelectMany(l => l.Append((byte)'\n'))]);

    /// <summary>The record numbers (from <see cref="Record"/>) in every file of the node, in file order.</summary>
    public List<int> RecordNumbers(string nodeId = "node-a") =>
        [.. Files(nodeId).SelectMany(Lines).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var after = doc.RootElement.GetProperty("data").GetProperty("changes")[0].GetProperty("after").GetString()!;
            return int.Parse(after.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        })];

    public static JsonElement Header(byte[] line)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }

    public Task<AuditVerification> VerifyAsync() => AuditVerifier.VerifyAsync(Path, CancellationToken.None);

    public static string Text(byte[] line) => Encoding.UTF8.GetString(line);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var archive in opened)
        {
            await archive.DisposeAsync();
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Formatted log lines with their level, for asserting that something was reported.</summary>
public sealed class ListLogger<T>(ConcurrentQueue<string> lines) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
}
