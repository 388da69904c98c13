using System.Net.Mail;
using System.Text;
using Grimoire.Core.Accounts;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// Reads a pasted class list: one person per line as <c>email[,display name][,role]</c> (comma, semicolon or tab
/// separated, fields may be "quoted"), an optional header line starting with "email", blank lines and
/// <c>#</c> comments ignored. Also accepted: <c>Name &lt;email&gt;</c>, and a line of several addresses only
/// (as pasted from a mail client), which counts as one person per address.
/// </summary>
public static class EnrollmentList
{
    public const int MaxLines = 2000;

    public static IReadOnlyList<EnrollmentLine> Parse(string? text)
    {
        var result = new List<EnrollmentLine>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var headerAllowed = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].Trim();
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            var fields = Split(raw);
            if (headerAllowed && IsHeader(fields))
            {
                headerAllowed = false;
                continue;
            }

            headerAllowed = false;
            if (result.Count >= MaxLines)
            {
                result.Add(new EnrollmentLine(i + 1, raw, null, null, null, $"Too many lines: paste at most {MaxLines:N0} people at a time."));
                break;
            }

            foreach (var line in Read(i + 1, raw, fields))
            {
                if (line.Email is { } email && !seen.TryAdd(email, line.LineNumber))
                {
                    result.Add(line with { Email = null, Error = $"Listed twice: {email} is already on line {seen[email]}." });
                }
                else
                {
                    result.Add(line);
                }
            }
        }

        return result;
    }

    /// <summary>A role as written in a list: student, tutor or instructor (any case; "TA" means tutor).</summary>
    public static CourseRole? ParseRole(string? text) => (text ?? "").Trim().ToUpperInvariant() switch
    {
        "STUDENT" => CourseRole.Student,
        "TUTOR" or "TA" => CourseRole.Tutor,
        "INSTRUCTOR" or "TEACHER" => CourseRole.Instructor,
        _ => null,
    };

    private static IEnumerable<EnrollmentLine> Read(int number, string raw, List<string> fields)
    {
        // "a@x.edu, b@x.edu; c@x.edu" or space-separated: a pasted address list, not email/name/role.
        var tokens = raw.Split([',', ';', '\t', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length > 1 && tokens.All(t => TryEmail(t, out _, out _)))
        {
            foreach (var token in tokens)
            {
                TryEmail(token, out var email, out _);
                yield return new EnrollmentLine(number, raw, email, null, null, null);
            }

            yield break;
        }

        if (fields.Count > 3)
        {
            yield return Invalid(number, raw, "Too many fields: expected email, display name, role.");
            yield break;
        }

        if (!TryEmail(fields[0], out var address, out var embeddedName))
        {
            yield return Invalid(number, raw, fields[0].Length == 0 ? "No e-mail address." : $"“{fields[0]}” is not an e-mail address.");
            yield break;
        }

        var displayName = fields.Count > 1 && fields[1].Length > 0 ? fields[1] : embeddedName;
        if (displayName is { Length: > 200 })
        {
            yield return Invalid(number, raw, "The display name may have at most 200 characters.");
            yield break;
        }

        CourseRole? role = null;
        if (fields.Count > 2 && fields[2].Length > 0)
        {
            role = ParseRole(fields[2]);
            if (role is null)
            {
                yield return Invalid(number, raw, $"Unknown role “{fields[2]}”: use student, tutor or instructor.");
                yield break;
            }
        }

        yield return new EnrollmentLine(number, raw, address, displayName, role, null);
    }

    private static EnrollmentLine Invalid(int number, string raw, string error) => new(number, raw, null, null, null, error);

    private static bool IsHeader(List<string> fields) =>
        fields[0].Equals("email", StringComparison.OrdinalIgnoreCase) || fields[0].Equals("e-mail", StringComparison.OrdinalIgnoreCase);

    /// <summary>An address alone, or "Name &lt;address&gt;"; the address comes back normalised.</summary>
    public static bool TryEmail(string field, out string email, out string? name)
    {
        ArgumentNullException.ThrowIfNull(field);
        email = "";
        name = null;
        var text = field.Trim();
        var open = text.LastIndexOf('<');
        if (open >= 0 && text.EndsWith('>'))
        {
            name = text[..open].Trim().Trim('"').Trim();
            name = name.Length == 0 ? null : name;
            text = text[(open + 1)..^1].Trim();
        }

        var normalized = UserDirectory.NormalizeEmail(text);
        if (normalized.Length is 0 or > 320 || normalized.Contains(' ', StringComparison.Ordinal)
            || !MailAddress.TryCreate(normalized, out var parsed) || !string.Equals(parsed.Address, normalized, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        email = normalized;
        return true;
    }

    /// <summary>Fields separated by tab, else semicolon (when there is no comma), else comma; "quoted" fields may hold separators.</summary>
    private static List<string> Split(string line)
    {
        var separator = line.Contains('\t', StringComparison.Ordinal) ? '\t'
            : line.Contains(';', StringComparison.Ordinal) && !line.Contains(',', StringComparison.Ordinal) ? ';'
            : ',';
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.ToString().Trim().Length == 0)
            {
                current.Clear();
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString().Trim());

        // Trailing empty fields ("a@x.edu,,") are not fields at all.
        while (fields.Count > 1 && fields[^1].Length == 0)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        return fields;
    }
}
