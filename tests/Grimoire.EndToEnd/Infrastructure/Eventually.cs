namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// Waits for a condition on the server side that the page cannot show (what a fake provider recorded), like
/// Playwright's auto-waiting assertions do for the page. The limit is generous: it only bounds a failing test.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 60_000)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.True(waited < timeoutMs, $"Gave up waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
