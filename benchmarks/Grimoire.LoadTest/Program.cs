using Grimoire.LoadTest;
using Grimoire.LoadTest.Scenarios;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"grimoire-load: {ex.Message}");
    Console.Error.WriteLine("Usage: dotnet run -c Release --project benchmarks/Grimoire.LoadTest -- <idle|stream|ramp> [options]");
    Console.Error.WriteLine("  idle     --circuits N (200)");
    Console.Error.WriteLine("  stream   --senders M (20) --watchers K (40) --tokens T (600) --rate deltas/s (40) --first-token-ms (1000)");
    Console.Error.WriteLine("  ramp     --step S (100) --max N (1000) --start-bound-ms (30000)");
    Console.Error.WriteLine("  all:     --postgres \"Host=…;Database=…\" (an empty database) --port 0 --parallel 8 --timeout 900 (seconds)");
    return 2;
}

using var cancel = new CancellationTokenSource(options.Bound);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return options.Scenario switch
    {
        "idle" => await IdleScenario.RunAsync(options, cancel.Token),
        "stream" => await StreamScenario.RunAsync(options, cancel.Token),
        _ => await RampScenario.RunAsync(options, cancel.Token),
    };
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine($"grimoire-load: stopped at the bound of {options.Bound.TotalSeconds:0} s.");
    return 1;
}
