using System.Globalization;
using System.Text.RegularExpressions;

namespace Grimoire.Llm.Wire;

/// <summary>
/// A text file (or a PDF's text) inlined into a message as one clearly delimited text part, with its name, media type
/// and size, so the model — and the simulated model, which describes what it got — can tell files apart.
/// </summary>
public static partial class AttachedText
{
    public static string Format(string name, string mediaType, long bytes, string text) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<attached-file name=\"{Escape(name)}\" type=\"{mediaType}\" bytes=\"{bytes}\">\n{text}\n</attached-file>");

    /// <summary>The name, type and size of each attached file in <paramref name="text"/>.</summary>
    public static IEnumerable<(string Name, string MediaType, long Bytes)> Find(string text) =>
        Header().Matches(text).Select(m => (
            m.Groups[1].Value.Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal),
            m.Groups[2].Value,
            long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));

    private static string Escape(string name) => name.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    [GeneratedRegex("<attached-file name=\"([^\"]*)\" type=\"([^\"]*)\" bytes=\"(\\d+)\">")]
    private static partial Regex Header();
}
