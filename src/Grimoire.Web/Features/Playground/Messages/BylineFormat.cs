using System.Globalization;

namespace Grimoire.Web.Features.Playground.Messages;

/// <summary>One labelled value of the byline; <see cref="Key"/> is stable for tests and styling.</summary>
public sealed record BylineItem(string Key, string Label, string Value, string? Detail = null);

/// <summary>Decides what the byline says for a message (AC1.2): labels, units and precision.</summary>
public static class BylineFormat
{
    public const string Unknown = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<BylineItem> Describe(MessageByline byline)
    {
        ArgumentNullException.ThrowIfNull(byline);
        return
        [
            new("model", "Model", byline.ModelDisplayName, byline.ModelId),
            new("input-tokens", "Input tokens", Tokens(byline.InputTokens)),
            new("output-tokens", "Output tokens", Tokens(byline.OutputTokens)),
            new("thinking-tokens", "Thinking tokens", Tokens(byline.ThinkingTokens)),
            new("cost", "Cost (est.)", Cost(byline.CostUsd), "Estimated from the model's published prices"),
            new("temperature", "Temperature", Temperature(byline.Temperature),
                byline.Temperature is null ? "Not sent: the provider's default applies" : null),
            new("max-tokens", "Max tokens", byline.MaxTokens is { } max ? Tokens(max) : "default"),
            new("thinking", "Thinking", string.IsNullOrWhiteSpace(byline.Thinking) ? "off" : byline.Thinking),
            new("duration", "Duration", Duration(byline.Duration)),
            new("first-token", "First token", Duration(byline.TimeToFirstToken), "Time until the first token arrived"),
        ];
    }

    public static string Tokens(int? count) => count is { } c ? c.ToString("N0", Invariant) : Unknown;

    /// <summary>
    /// US dollars: two decimals from a dollar up, up to four between a cent and a dollar, and three significant
    /// digits below a cent, so $0.000123 stays readable instead of rounding to $0.00.
    /// </summary>
    public static string Cost(decimal? usd)
    {
        if (usd is not { } value)
        {
            return Unknown;
        }

        var magnitude = Math.Abs(value);
        if (magnitude == 0m)
        {
            return "$0.00";
        }

        var sign = value < 0 ? "-" : "";
        if (magnitude >= 1m)
        {
            return sign + "$" + magnitude.ToString("N2", Invariant);
        }

        if (magnitude >= 0.01m)
        {
            return sign + "$" + magnitude.ToString("0.00##", Invariant);
        }

        var decimals = Math.Min(27, 2 - (int)Math.Floor(Math.Log10((double)magnitude)));
        var rounded = Math.Round(magnitude, decimals, MidpointRounding.AwayFromZero);
        return sign + "$" + rounded.ToString("0.00" + new string('#', decimals - 2), Invariant);
    }

    public static string Temperature(double? temperature) =>
        temperature is { } t ? t.ToString("0.0##", Invariant) : "default";

    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return Unknown;
        }

        if (d < TimeSpan.FromSeconds(1))
        {
            return d.TotalMilliseconds.ToString("0", Invariant) + " ms";
        }

        if (d < TimeSpan.FromMinutes(1))
        {
            return d.TotalSeconds.ToString("0.0", Invariant) + " s";
        }

        return ((int)d.TotalMinutes).ToString(Invariant) + " min " + d.Seconds.ToString("00", Invariant) + " s";
    }
}
