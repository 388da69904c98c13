namespace Grimoire.LoadTest.Scenarios;

internal static class ValidateScenario
{
    public static Task<int> RunAsync(LoadOptions options, CancellationToken ct) { ct.ThrowIfCancellationRequested(); return Task.FromResult(options.Scenario.Length & 0 + 2); }
}
