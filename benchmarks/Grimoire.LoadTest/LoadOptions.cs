using System.Globalization;

namespace Grimoire.LoadTest;

/// <summary>The command line: <c>scenario [--name value]…</c>; every bound has a default so one command runs.</summary>
internal sealed record LoadOptions(string Scenario, IReadOnlyDictionary<string, string> Values)
{
    public static readonly string[] Scenarios = ["idle", "stream", "ramp"];

    public static LoadOptions Parse(string[] args)
    {
        if (args.Length == 0 || !Scenarios.Contains(args[0]))
        {
            throw new ArgumentException($"The first argument names the scenario: {string.Join(", ", Scenarios)}.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        return new LoadOptions(args[0], values);
    }

    public int Int(string name, int fallback, int min = 0, int max = 100_000)
    {
        if (!Values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        var value = int.Parse(text, CultureInfo.InvariantCulture);
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, $"--{name} must be between {min} and {max}.");
        }

        return value;
    }

    public string? Text(string name) => Values.GetValueOrDefault(name);

    /// <summary>A PostgreSQL connection string (an empty database: the demo seeds it); null runs on SQLite.</summary>
    public string? Postgres => Text("postgres");

    /// <summary>The server's loopback port; 0 picks a free one.</summary>
    public int Port => Int("port", 0, 0, 65_535);

    /// <summary>How many circuits connect at once.</summary>
    public int Parallel => Int("parallel", 8, 1, 256);

    /// <summary>The whole run's bound, in seconds.</summary>
    public TimeSpan Bound => TimeSpan.FromSeconds(Int("timeout", 900, 10, 7_200));
}
