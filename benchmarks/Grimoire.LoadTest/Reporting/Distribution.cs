using System.Globalization;

namespace Grimoire.LoadTest.Reporting;

/// <summary>p50/p95/p99 (nearest rank) of a set of samples, e.g. milliseconds.</summary>
internal sealed record Distribution(int Count, double P50, double P95, double P99, double Max)
{
    public static Distribution Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Distribution(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }

    public string Ms => Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms (n={Count})");

    public string Plain(string unit) => Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.#} {unit}, p95 {P95:0.#} {unit}, p99 {P99:0.#} {unit}, max {Max:0.#} {unit} (n={Count})");
}
