namespace Grimoire.OpenRouterStandIn.Keys;

/// <summary>OpenRouter's usage periods: they start at midnight UTC; weeks run Monday to Sunday.</summary>
internal static class UsagePeriods
{
    public static readonly IReadOnlyList<string> Resets = ["daily", "weekly", "monthly"];

    public static DateTimeOffset Start(string period, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            "daily" => today,
            "weekly" => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            "monthly" => new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown usage period."),
        };
    }
}
