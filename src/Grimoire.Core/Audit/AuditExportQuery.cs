using Grimoire.Core.Refusals;

namespace Grimoire.Core.Audit;

/// <summary>
/// Which records to export: a course's (by code), optionally only those dated in <see cref="From"/>..<see cref="To"/>
/// (UTC days, both included) and only those of one person (by e-mail: records whose <c>ids.userId</c> is theirs).
/// <see cref="Directory"/> overrides the configured archive folder.
/// </summary>
public sealed record AuditExportQuery(
    string CourseCode, DateOnly? From = null, DateOnly? To = null, string? StudentEmail = null, string? Directory = null);

/// <summary>
/// What an export wrote: records exported, records read, and lines that were not readable records (torn or
/// damaged; named as "file line N" — run verify) which were left out.
/// </summary>
public sealed record AuditExportResult(long Exported, long Read, IReadOnlyList<string> Unreadable);

/// <summary>The export cannot run as asked (unknown course or student, bad range, no archive); the message says why.</summary>
public sealed class AuditExportException : RefusalException
{
    public AuditExportException()
        : this("The audit export could not run.")
    {
    }

    public AuditExportException(string message)
        : base(RefusalKind.Invalid, message)
    {
    }

    public AuditExportException(string message, Exception innerException)
        : base(RefusalKind.Invalid, message, innerException)
    {
    }
}
