using System.Globalization;

namespace Grimoire.Llm.Simulated;

/// <summary>
/// A fault asked for on purpose: a last user message starting with <c>/simulate</c> followed by a status
/// (<c>400 401 402 403 404 408 413 429 500 502 503 529</c>, optionally <c>retry-after N</c>),
/// <c>drop-after N</c>, <c>error-mid-stream</c>, <c>filtered</c>, or <c>long prose|paragraph|code|table N</c> (an answer of
/// about N characters of one shape, to see how long answers stream).
/// </summary>
internal sealed record SimulatedDirective(
    int? Status = null,
    TimeSpan? RetryAfter = null,
    int? DropAfter = null,
    bool ErrorMidStream = false,
    bool Filtered = false,
    SimulatedLongShape? LongShape = null,
    int LongLength = 0)
{
    public const string Help = "Use /simulate followed by a status (400, 401, 402, 403, 404, 408, 413, 429, 500, 502, 503, 529; optionally 'retry-after N'), 'drop-after N', 'error-mid-stream', 'filtered' or 'long prose|paragraph|code|table N' (N characters, at most 200000).";

    private const int MaxLongLength = 200_000;

    private static readonly int[] Statuses = [400, 401, 402, 403, 404, 408, 413, 429, 500, 502, 503, 529];

    /// <summary>Null when the text is not a directive; throws <see cref="FormatException"/> for a malformed one.</summary>
    public static SimulatedDirective? Parse(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith("/simulate", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var words = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var first = words.Length > 1 ? words[1].ToLowerInvariant() : "";
        if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && Statuses.Contains(status))
        {
            TimeSpan? retryAfter = status == 429 ? TimeSpan.FromSeconds(20) : null;
            if (words.Length > 3 && words[2].Equals("retry-after", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                retryAfter = TimeSpan.FromSeconds(seconds);
            }

            return new SimulatedDirective(Status: status, RetryAfter: retryAfter);
        }

        return first switch
        {
            "drop-after" when words.Length > 2 && int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) => new SimulatedDirective(DropAfter: n),
            "error-mid-stream" => new SimulatedDirective(ErrorMidStream: true),
            "filtered" => new SimulatedDirective(Filtered: true),
            "long" when words.Length > 3 && Enum.TryParse<SimulatedLongShape>(words[2], ignoreCase: true, out var shape) && Enum.IsDefined(shape)
                && int.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length is > 0 and <= MaxLongLength
                => new SimulatedDirective(LongShape: shape, LongLength: length),
            _ => throw new FormatException(Help),
        };
    }
}
