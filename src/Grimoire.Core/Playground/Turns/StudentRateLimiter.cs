using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground.Turns;

/// <summary>A token bucket per student for sending messages (X7). Singleton: the buckets are the state.</summary>
public sealed class StudentRateLimiter(IOptions<PlaygroundOptions> options) : IDisposable
{
    private readonly PerStudentTokenBucket buckets = new(options.Value.TurnsPerMinute, options.Value.TurnBurst);

    /// <summary>Null when the student may send now; otherwise why not, in words.</summary>
    public string? TryAcquire(Guid userId) =>
        buckets.TryAcquire(userId) is { } wait ? "You are sending messages faster than your course allows." + wait : null;

    public void Dispose() => buckets.Dispose();
}
