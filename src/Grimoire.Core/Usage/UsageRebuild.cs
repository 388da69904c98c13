using System.Text.Json;
using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Llm.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Usage;

/// <summary>
/// Backfills <see cref="UsageRecord"/>s from the archive's <c>provider_call</c> records (<c>grimoire usage rebuild</c>):
/// for calls made before the usage table existed, or rows lost with a failed final write. Idempotent — a call already
/// present (same message and start) is left alone, so it can run any number of times, beside a live host. Reads files
/// only, never the writer's state; lines that are not readable records are counted and named.
/// </summary>
public sealed class UsageRebuild(IDbContextFactory<GrimoireDbContext> contextFactory, IOptions<AuditOptions> options, ILogger<UsageRebuild> logger)
{
    private const int BatchSize = 500;

    public async Task<UsageRebuildResult> RunAsync(string? directory, CancellationToken cancellationToken)
    {
        var folder = string.IsNullOrWhiteSpace(directory) ? options.Value.Directory : Path.GetFullPath(directory);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"There is no archive folder at {folder}.");
        }

        long calls = 0, added = 0;
        var unreadable = new List<string>();
        var batch = new List<UsageRecord>(BatchSize);
        foreach (var file in AuditFileName.List(folder))
        {
            var bytes = await file.ReadAllAsync(cancellationToken);
            var start = 0;
            for (var line = 1; start < bytes.Length; line++)
            {
                var end = Array.IndexOf(bytes, (byte)'\n', start);
                var length = (end < 0 ? bytes.Length : end) - start;
                var span = bytes.AsMemory(start, length);
                start = end < 0 ? bytes.Length : end + 1;
                var header = AuditLine.Read(span.Span).Header;
                if (header is null || end < 0)
                {
                    unreadable.Add($"{file.Name.Name} line {line}");
                    continue;
                }

                if (header.Kind != AuditKinds.ProviderCall)
                {
                    continue;
                }

                if (Parse(span) is not { } record)
                {
                    unreadable.Add($"{file.Name.Name} line {line}");
                    continue;
                }

                calls++;
                batch.Add(record);
                if (batch.Count == BatchSize)
                {
                    added += await AddMissingAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }
        }

        added += await AddMissingAsync(batch, cancellationToken);
        logger.LogInformation("Usage rebuilt from {Folder}: {Calls} call records, {Added} added, {Unreadable} unreadable lines", folder, calls, added, unreadable.Count);
        return new UsageRebuildResult(calls, added, unreadable);
    }

    /// <summary>The usage row a <c>provider_call</c> line describes, or null when the line does not hold one.</summary>
    internal static UsageRecord? Parse(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var ids = root.GetProperty("ids");
            var data = root.GetProperty("data").Deserialize(AuditJsonContext.Default.ProviderCallData);
            if (data is null)
            {
                return null;
            }

            var auditIds = new AuditIds(Id(ids, "userId"), Id(ids, "courseId"), Id(ids, "workspaceId"), Id(ids, "conversationId"), Id(ids, "messageId"), Id(ids, "modelConfigId"));
            var facts = new ProviderCallFacts(
                auditIds, data.UserMessageId, data.Provider, data.Model, data.Status, data.ErrorText,
                data.Timing.StartedAt.ToUniversalTime(), data.Timing.FirstTokenAt?.ToUniversalTime(), data.Timing.FinishedAt.ToUniversalTime());
            var usage = data.Usage is { } u
                ? new TokenUsage(u.InputTokens, u.OutputTokens, u.ThinkingTokens, u.CachedInputTokens, u.CostUsd, u.CostSource)
                : null;
            return UsageRecord.From(facts, usage);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static Guid? Id(JsonElement ids, string name) =>
        ids.TryGetProperty(name, out var value) && value.TryGetGuid(out var id) ? id : null;

    private async Task<long> AddMissingAsync(List<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var messageIds = batch.Select(r => r.MessageId).Distinct().ToList();
        var present = (await db.UsageRecords.AsNoTracking()
                .Where(r => messageIds.Contains(r.MessageId))
                .Select(r => new { r.MessageId, r.StartedAt })
                .ToListAsync(cancellationToken))
            .Select(r => (r.MessageId, r.StartedAt))
            .ToHashSet();
        var missing = batch.Where(r => present.Add((r.MessageId, r.StartedAt))).ToList();
        db.UsageRecords.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }
}

/// <summary>What a rebuild read and added; <see cref="Unreadable"/> names lines that were not readable call records.</summary>
public sealed record UsageRebuildResult(long CallRecords, long Added, IReadOnlyList<string> Unreadable);
