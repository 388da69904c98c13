using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Grimoire.LoadTest.Circuits;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the interactive server components'
/// start markers (<c>&lt;!--Blazor:{"type":"server",…,"descriptor":…}--&gt;</c>) and the persisted component state
/// (<c>&lt;!--Blazor-Server-Component-State:…--&gt;</c>).
/// </summary>
internal sealed partial record PrerenderedPage(IReadOnlyList<JsonObject> Markers, string ApplicationState)
{
    public static PrerenderedPage Read(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in Marker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker
                && marker["type"]?.GetValue<string>() == "server" && marker["descriptor"] is not null)
            {
                markers.Add(marker);
            }
        }

        var state = State().Match(html);
        return new PrerenderedPage(markers, state.Success ? state.Groups[1].Value : "");
    }

    /// <summary>The first <c>UpdateRootComponents</c> batch: every server marker added, in document order.</summary>
    public string AddOperations(int batchId)
    {
        var operations = new JsonArray();
        for (var i = 0; i < Markers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = Markers[i].DeepClone(),
            });
        }

        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString();
    }

    /// <summary>The antiforgery token of the first form on a page, HTML-decoded.</summary>
    public static string? AntiforgeryToken(string html) =>
        Token().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex State();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
