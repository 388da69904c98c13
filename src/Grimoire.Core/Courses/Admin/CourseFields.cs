using System.Text.RegularExpressions;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Courses.Admin;

/// <summary>The rules for a course's identity fields, shared by creating a course and editing its settings.</summary>
public static partial class CourseFields
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 200;
    public const int TermMaxLength = 64;
    public const int SystemPromptMaxLength = 20_000;

    /// <summary>Codes are kept trimmed and in capitals, so "ling-210" and "LING-210" are the same course.</summary>
    public static string NormalizeCode(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>Every problem with the values, in words an instructor can act on; empty when they are fine.</summary>
    public static List<string> Check(string code, string name, string term, DateOnly? startsOn, DateOnly? endsOn)
    {
        var problems = new List<string>();
        if (code.Length == 0)
        {
            problems.Add("A course needs a code, e.g. LING-210.");
        }
        else if (code.Length > CodeMaxLength)
        {
            problems.Add($"The code may have at most {CodeMaxLength} characters.");
        }
        else if (!CodePattern().IsMatch(code))
        {
            problems.Add("The code may contain only letters, digits, '-', '_' and '.', and must start with a letter or digit.");
        }

        if (name.Trim().Length == 0)
        {
            problems.Add("A course needs a name.");
        }
        else if (name.Trim().Length > NameMaxLength)
        {
            problems.Add($"The name may have at most {NameMaxLength} characters.");
        }

        if (term.Trim().Length > TermMaxLength)
        {
            problems.Add($"The term may have at most {TermMaxLength} characters.");
        }

        if (startsOn is { } start && endsOn is { } end && end < start)
        {
            problems.Add("The course cannot end before it starts.");
        }

        return problems;
    }

    /// <summary>True when another course already uses the code (compared in capitals).</summary>
    internal static Task<bool> CodeTakenAsync(GrimoireDbContext db, string normalizedCode, Guid? exceptCourseId, CancellationToken cancellationToken)
    {
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper(): the same on both databases.
        return db.Courses.AnyAsync(c => c.Code.ToUpper() == normalizedCode && c.Id != exceptCourseId, cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }

    /// <summary>Saves, turning a lost race for the unique code into the same message the check gives.</summary>
    internal static async Task SaveWithUniqueCodeAsync(GrimoireDbContext db, string normalizedCode, Guid? exceptCourseId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            if (await CodeTakenAsync(db, normalizedCode, exceptCourseId, cancellationToken))
            {
                throw new CourseValidationException(CodeTakenMessage(normalizedCode), ex);
            }

            throw;
        }
    }

    internal static string CodeTakenMessage(string code) => $"Another course already uses the code {code}.";

    [GeneratedRegex("^[A-Z0-9][A-Z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
