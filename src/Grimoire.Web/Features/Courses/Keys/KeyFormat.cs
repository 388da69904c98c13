using System.Globalization;
using Grimoire.Core.Keys;
using MudBlazor;

namespace Grimoire.Web.Features.Courses.Keys;

/// <summary>How the Keys tab and the key defaults show budgets, resets, dates and status.</summary>
internal static class KeyFormat
{
    public static string Reset(BudgetResetPeriod period) => period switch
    {
        BudgetResetPeriod.Daily => "Daily",
        BudgetResetPeriod.Weekly => "Weekly",
        BudgetResetPeriod.Monthly => "Monthly",
        _ => "Never",
    };

    /// <summary>USD with cents, and more digits for amounts under a cent ("$0.0004").</summary>
    public static string Money(decimal? usd) => usd switch
    {
        null => "—",
        0m => "$0.00",
        < 0.01m and > -0.01m => "$" + usd.Value.ToString("0.0000##", CultureInfo.InvariantCulture),
        _ => "$" + usd.Value.ToString("N2", CultureInfo.InvariantCulture),
    };

    public static string Budget(decimal? limit, BudgetResetPeriod reset) =>
        limit is null ? "—" : reset == BudgetResetPeriod.Never ? Money(limit) : $"{Money(limit)} {Reset(reset).ToLowerInvariant()}";

    /// <summary>The last day a key works: keys expire at midnight UTC after it.</summary>
    public static string LastDay(DateTime? expiresAt) =>
        expiresAt is { } at ? DateOnly.FromDateTime(at.AddTicks(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never";

    public static string Status(StudentKeyStatus status) => status switch
    {
        StudentKeyStatus.None => "No key",
        _ => status.ToString(),
    };

    public static Color StatusColor(StudentKeyStatus status) => status switch
    {
        StudentKeyStatus.Active => Color.Success,
        StudentKeyStatus.Disabled => Color.Warning,
        StudentKeyStatus.Expired or StudentKeyStatus.Revoked => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The expiry instant of a last working day: midnight UTC after it.</summary>
    public static DateTime? ExpiryAfter(DateOnly? lastDay) => lastDay?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
