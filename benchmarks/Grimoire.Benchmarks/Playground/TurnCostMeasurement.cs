using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Grimoire.Benchmarks.Playground;

/// <summary>
/// Where a whole turn's cost goes (a console mode, next to <see cref="TurnMemoryMeasurement"/>): 40 turns one after
/// the other, with process CPU time and wall time per turn, and what EF Core did per turn (contexts, connection opens,
/// SQL commands, writes), counted from its DiagnosticListener. The baseline is 40 bare provider streams.
/// </summary>
internal static class TurnCostMeasurement
{
    private const int Turns = 40;

    public static async Task RunAsync()
    {
        await using var services = await PlaygroundServices.StartAsync(delayMs: 0);
        await services.RunTurnsAsync(await services.CreateConversationsAsync(5)); // warm-up, not counted
        await services.StreamBareAsync(5);

        var conversations = await services.CreateConversationsAsync(Turns);
        using var counter = new EfEventCounter();
        var (turnWall, turnCpu) = await MeasureAsync(async () =>
        {
            foreach (var id in conversations)
            {
                await services.RunTurnsAsync([id]);
            }
        });
        var counts = counter.Snapshot();
        var (bareWall, bareCpu) = await MeasureAsync(async () =>
        {
            for (var i = 0; i < Turns; i++)
            {
                await services.StreamBareAsync(1);
            }
        });

        Console.WriteLine($"Cost of one turn ({Turns} turns one after the other, SQLite in {Path.GetTempPath()})");
        Console.WriteLine();
        Console.WriteLine("| Per turn | Wall | CPU (process) | DbContexts | Connection opens | SQL commands | Of which writes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(Row("Bare provider stream", bareWall, bareCpu, "–", "–", "–", "–"));
        Console.WriteLine(Row("TurnRunner + live hub + SQLite", turnWall, turnCpu,
            PerTurn(counts.Contexts), PerTurn(counts.Opens), PerTurn(counts.Commands), PerTurn(counts.Writes)));
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(Func<Task> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await work();
        wall.Stop();
        process.Refresh();
        return (wall.Elapsed / Turns, (process.TotalProcessorTime - cpu) / Turns);
    }

    private static string Row(string what, TimeSpan wall, TimeSpan cpu, string contexts, string opens, string commands, string writes) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {wall.TotalMilliseconds:N2} ms | {cpu.TotalMilliseconds:N2} ms | {contexts} | {opens} | {commands} | {writes} |");

    private static string PerTurn(int count) => string.Create(CultureInfo.InvariantCulture, $"{count / (double)Turns:N1}");

    /// <summary>Counts EF Core's diagnostic events while alive.</summary>
    private sealed class EfEventCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> subscriptions = [];
        private int contexts;
        private int opens;
        private int commands;
        private int writes;

        public EfEventCounter() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public (int Contexts, int Opens, int Commands, int Writes) Snapshot() =>
            (Volatile.Read(ref contexts), Volatile.Read(ref opens), Volatile.Read(ref commands), Volatile.Read(ref writes));

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == CoreEventId.ContextInitialized.Name)
            {
                Interlocked.Increment(ref contexts);
            }
            else if (value.Key == RelationalEventId.ConnectionOpened.Name)
            {
                Interlocked.Increment(ref opens);
            }
            else if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed)
            {
                Interlocked.Increment(ref commands);
                var sql = executed.Command.CommandText.TrimStart();
                if (!sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref writes);
                }
            }
        }

        public void OnError(Exception error)
        {
            // Nothing to count.
        }

        public void OnCompleted()
        {
            // Nothing to count.
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                foreach (var subscription in subscriptions)
                {
                    subscription.Dispose();
                }

                subscriptions.Clear();
            }
        }
    }
}
