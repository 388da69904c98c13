using System.Globalization;
using System.Text.RegularExpressions;
using Grimoire.EndToEnd.Infrastructure;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 16 item 4: <c>grimoire.circuits.open</c> counts a real browser's Blazor circuit, read back from the demo's
/// <c>/metrics</c> while the page is live.
/// </summary>
public sealed partial class CircuitMetricsTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp app;

    public CircuitMetricsTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task An_open_playground_shows_as_an_open_circuit_in_the_metrics()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var _ = context;
        await DemoPages.SignInAsync(page, "sam");
        await DemoPages.PlaygroundReadyAsync(page);

        var response = await context.APIRequest.GetAsync("/metrics");
        Assert.Equal(200, response.Status);
        var text = await response.TextAsync();

        var open = CircuitsOpen().Match(text);
        Assert.True(open.Success, "No grimoire_circuits_open sample in /metrics:\n" + text);
        Assert.True(long.Parse(open.Groups[1].Value, CultureInfo.InvariantCulture) >= 1, open.Value);
    }

    [GeneratedRegex(@"(?m)^grimoire_circuits_open\{[^}]*\} (\d+)")]
    private static partial Regex CircuitsOpen();
}
