using System.Globalization;
using Grimoire.Core.Keys;
using Grimoire.Core.Usage.Dashboard;
using Grimoire.Core.Usage.Spend;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Grimoire.Web.Features.Courses.Usage;

/// <summary>The Usage tab (X1): reads <see cref="CourseUsage"/> for the picked period and shapes it for charts and tables.</summary>
public sealed partial class CourseUsageTab
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private CourseUsageReport? report;
    private DateRange range = new();
    private string filter = "";
    private string[] dayLabels = [];
    private List<ChartSeries<double>> costSeries = [];
    private List<ChartSeries<double>> tokenSeries = [];

    [Inject]
    private CourseUsage Usage { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await PickAsync(30);

    private async Task PickAsync(int days)
    {
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        if (report is not null)
        {
            today = CourseTimeZone.DayOf(Time.GetUtcNow().UtcDateTime, CourseTimeZone.Find(report.TimeZoneId));
        }

        range = new DateRange(today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue), today.ToDateTime(TimeOnly.MinValue));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (range.Start is not { } start || range.End is not { } end)
        {
            Snackbar.Add("Pick the first and last day of the period.", Severity.Warning);
            return;
        }

        var period = new UsagePeriod(DateOnly.FromDateTime(start), DateOnly.FromDateTime(end));
        CourseUsageReport? read = null;
        if (await RunAsync(async ct => read = await Usage.ReadAsync(Context.ActorId, Context.CourseId, period, ct)) && read is not null)
        {
            report = read;
            Shape(read);
        }
    }

    private void Shape(CourseUsageReport read)
    {
        var days = Enumerable.Range(0, read.Period.Days).Select(read.Period.From.AddDays).ToList();
        dayLabels = [.. days.Select(d => d.ToString("MMM d", Culture))];
        var models = read.Days.Select(d => d.Model).Distinct().Order(StringComparer.Ordinal).ToList();
        var byKey = read.Days.ToDictionary(d => (d.Day, d.Model));
        costSeries = [.. models.Select(m => Series(m, days, d => (double)(byKey.GetValueOrDefault((d, m))?.Cost ?? 0m)))];
        tokenSeries = [.. models.Select(m => Series(m, days, d => byKey.GetValueOrDefault((d, m))?.Tokens ?? 0))];
    }

    private static ChartSeries<double> Series(string model, List<DateOnly> days, Func<DateOnly, double> value) =>
        new() { Name = model, Data = new ChartData<double>([.. days.Select(value)]) };

    private bool Matches(StudentUsage student) =>
        string.IsNullOrWhiteSpace(filter)
        || student.Name.Contains(filter.Trim(), StringComparison.CurrentCultureIgnoreCase)
        || student.Email.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase);

    private string CsvUrl(string table) => report is null ? "" : string.Create(Culture,
        $"/courses/{Context.CourseId}/usage/{table}.csv?from={report.Period.From:yyyy-MM-dd}&to={report.Period.To:yyyy-MM-dd}");

    private string Local(DateTime utc) => report is null ? "" :
        TimeZoneInfo.ConvertTimeFromUtc(utc, CourseTimeZone.Find(report.TimeZoneId)).ToString("yyyy-MM-dd HH:mm", Culture);

    private static string NearText(StudentUsage student) => student.Share is { } share ? $"{Percent(share)} of budget" : "Near limit";

    private static string ResetText(BudgetStanding budget) => budget.Reset switch
    {
        BudgetResetPeriod.Daily => "/ day",
        BudgetResetPeriod.Weekly => "/ week",
        BudgetResetPeriod.Monthly => "/ month",
        _ => "in total",
    };

    internal static string Usd(decimal amount) => amount.ToString(amount is >= 1m or 0m ? "$#,0.00" : "$0.00####", Culture);

    internal static string Percent(decimal share) => (share * 100m).ToString("0.#", Culture) + "%";
}
