using System.Globalization;

namespace Grimoire.Web.Hosting.Telemetry;

/// <summary>
/// Keeps ids out of traces: a path segment that is a GUID, a long hex string (a key's hash) or a number becomes
/// <c>{id}</c>, so <c>/playground/0190…</c> is exported as <c>/playground/{id}</c>.
/// </summary>
internal static class TelemetryRedaction
{
    public const string Placeholder = "{id}";

    public static string Path(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path;
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsId(segments[i]))
            {
                segments[i] = Placeholder;
            }
        }

        return string.Join('/', segments);
    }

    private static bool IsId(string segment) =>
        segment.Length > 0
        && (Guid.TryParse(segment, out _)
            || long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || (segment.Length >= 16 && segment.All(c => char.IsAsciiHexDigit(c) || c == '-')));
}
