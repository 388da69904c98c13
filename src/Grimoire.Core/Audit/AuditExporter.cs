using Grimoire.Core.Accounts;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Audit;

/// <summary>
/// Writes the archive records of a course (and optionally a date range and a student) as JSONL, each line
/// byte-for-byte as archived, so every exported record still carries its own hash. Reads files only: runs with
/// or without the writer. Order: by node, then in chain order.
/// </summary>
public sealed class AuditExporter(IDbContextFactory<GrimoireDbContext> contextFactory, IOptions<AuditOptions> options)
{
    public async Task<AuditExportResult> ExportAsync(AuditExportQuery query, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        if (query.From > query.To)
        {
            throw new AuditExportException($"The range is empty: {query.From:yyyy-MM-dd} is after {query.To:yyyy-MM-dd}.");
        }

        var (courseId, userId) = await ResolveAsync(query, cancellationToken);
        var directory = string.IsNullOrWhiteSpace(query.Directory) ? options.Value.Directory : Path.GetFullPath(query.Directory);
        if (!Directory.Exists(directory))
        {
            throw new AuditExportException($"There is no archive folder at {directory}.");
        }

        var (from, to) = (query.From?.ToDateTime(TimeOnly.MinValue), query.To?.AddDays(1).ToDateTime(TimeOnly.MinValue));
        long exported = 0, read = 0;
        var unreadable = new List<string>();
        foreach (var file in AuditFileName.List(directory))
        {
            var bytes = await file.ReadAllAsync(cancellationToken);
            var start = 0;
            for (var line = 1; start < bytes.Length; line++)
            {
                var end = Array.IndexOf(bytes, (byte)'\n', start);
                var length = (end < 0 ? bytes.Length : end) - start;
                var header = AuditLine.Read(bytes.AsSpan(start, length)).Header;
                if (header is null || end < 0)
                {
                    unreadable.Add($"{file.Name.Name} line {line}");
                }
                else
                {
                    read++;
                    if (header.CourseId == courseId && (userId is null || header.UserId == userId)
                        && (from is null || header.At >= from) && (to is null || header.At < to))
                    {
                        await output.WriteAsync(bytes.AsMemory(start, length + 1), cancellationToken);
                        exported++;
                    }
                }

                start = end < 0 ? bytes.Length : end + 1;
            }
        }

        await output.FlushAsync(cancellationToken);
        return new AuditExportResult(exported, read, unreadable);
    }

    private async Task<(Guid CourseId, Guid? UserId)> ResolveAsync(AuditExportQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query.CourseCode);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Codes are few: match them case-insensitively here rather than rely on each database's collation.
        var courses = await db.Courses.AsNoTracking().Select(c => new { c.Id, c.Code }).ToListAsync(cancellationToken);
        var course = courses.SingleOrDefault(c => c.Code == query.CourseCode.Trim())
            ?? courses.FirstOrDefault(c => string.Equals(c.Code, query.CourseCode.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new AuditExportException($"There is no course with the code '{query.CourseCode}'.");
        if (string.IsNullOrWhiteSpace(query.StudentEmail))
        {
            return (course.Id, null);
        }

        var email = UserDirectory.NormalizeEmail(query.StudentEmail);
        var user = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => new { u.Id }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new AuditExportException($"There is nobody with the e-mail address '{query.StudentEmail}'.");
        return (course.Id, user.Id);
    }
}
