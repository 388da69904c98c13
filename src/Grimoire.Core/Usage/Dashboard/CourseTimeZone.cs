namespace Grimoire.Core.Usage.Dashboard;

/// <summary>A course's days: its IANA time zone (UTC when unknown) and where each local day starts in UTC.</summary>
public static class CourseTimeZone
{
    public static bool IsKnown(string? id) => id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>The zone with that id, or UTC when the id is empty or unknown on this machine.</summary>
    public static TimeZoneInfo Find(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The UTC instant the local day begins (its first valid minute where midnight is skipped by a clock change).</summary>
    public static DateTime StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The local day an instant (UTC) falls on.</summary>
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
}
