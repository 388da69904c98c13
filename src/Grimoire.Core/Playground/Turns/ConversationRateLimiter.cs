using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// A token bucket per student for starting conversations, new ones and branches alike (issue 17 item 8):
/// <see cref="PlaygroundOptions.ConversationsPerMinute"/> a minute, as a burst too. Singleton: the buckets are the state.
/// </summary>
public sealed class ConversationRateLimiter(IOptions<PlaygroundOptions> options) : IDisposable
{
    private readonly PerStudentTokenBucket buckets = new(options.Value.ConversationsPerMinute, options.Value.ConversationsPerMinute);

    /// <summary>Null when the student may start a conversation now; otherwise why not, in words.</summary>
    public string? TryAcquire(Guid userId) =>
        buckets.TryAcquire(userId) is { } wait ? "You are starting new conversations faster than your course allows." + wait : null;

    public void Dispose() => buckets.Dispose();
}
