using System.Globalization;
using System.Text;

namespace Grimoire.Core.Usage.Dashboard;

/// <summary>
/// The dashboard's tables as CSV (RFC 4180: comma-separated, CRLF, fields quoted when needed, invariant numbers, UTC
/// times in ISO 8601). A text field that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
/// apostrophe, so a student's name cannot execute in the instructor's spreadsheet.
/// </summary>
public static class UsageCsv
{
    public const string Students = "students";
    public const string Models = "models";
    public const string Days = "days";

    public static readonly IReadOnlyList<string> Tables = [Students, Models, Days];

    /// <summary>The table named <paramref name="table"/>, or null for an unknown name.</summary>
    public static string? Write(CourseUsageReport report, string table)
    {
        ArgumentNullException.ThrowIfNull(report);
        return table switch
        {
            Students => Build(
                ["name", "email", "turns", "tokens", "cost_usd", "budget_usd", "budget_scope", "spent_this_period_usd", "remaining_usd", "resets_at_utc", "last_active_utc", "near_limit"],
                report.Students.Select(s => new[]
                {
                    Text(s.Name), Text(s.Email), Number(s.Turns), Number(s.Tokens), Money(s.Cost), Money(s.BudgetLimit), s.Budget?.Scope.ToString() ?? "",
                    Money(s.SpentThisPeriod), Money(s.Remaining), Time(s.Budget?.ResetsAt), Time(s.LastActiveAt), s.NearLimit ? "yes" : "no",
                })),
            Models => Build(
                ["provider", "model", "turns", "tokens", "cost_usd", "avg_time_to_first_token_ms", "failures", "failure_rate"],
                report.Models.Select(m => new[]
                {
                    Text(m.Provider), Text(m.Model), Number(m.Turns), Number(m.Tokens), Money(m.Cost),
                    m.AverageTimeToFirstTokenMs?.ToString("0", CultureInfo.InvariantCulture) ?? "", Number(m.Failures), m.FailureRate.ToString("0.####", CultureInfo.InvariantCulture),
                })),
            Days => Build(
                ["day", "model", "turns", "tokens", "cost_usd"],
                report.Days.Select(d => new[] { d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Text(d.Model), Number(d.Turns), Number(d.Tokens), Money(d.Cost) })),
            _ => null,
        };
    }

    private static string Build(string[] header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal? value) => value?.ToString("0.########", CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTime? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
