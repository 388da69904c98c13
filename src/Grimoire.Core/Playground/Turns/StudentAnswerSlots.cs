using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// How many answers each student has arriving right now, across all their conversations (issue 17 item 8): at most
/// <see cref="PlaygroundOptions.MaxAnswersInFlight"/>, since each one holds a provider call and checkpoints the
/// database. A turn takes a slot before anything is stored and gives it back when it ends, whichever way it ends
/// (<see cref="TurnExecution"/>), or when it is refused after taking one. Per node: with several nodes the cap
/// applies on each. The gauge <c>grimoire.playground.answers_in_flight</c> shows the total, so a leak would show.
/// Singleton.
/// </summary>
public sealed class StudentAnswerSlots
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, int> inFlight = [];
    private readonly IOptions<PlaygroundOptions> options;
    private readonly UpDownCounter<long> gauge;

    public StudentAnswerSlots(IOptions<PlaygroundOptions> options, PlaygroundRefusals refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        this.options = options;
        gauge = refusals.Meter.CreateUpDownCounter<long>("grimoire.playground.answers_in_flight", "{answer}",
            "Answers streaming now, all students together.");
    }

    /// <summary>The student's answers arriving now.</summary>
    public int InFlight(Guid userId)
    {
        lock (gate)
        {
            return inFlight.GetValueOrDefault(userId);
        }
    }

    /// <summary>A slot to dispose when the answer ends, or null and why not when the student has the most already.</summary>
    public (AnswerSlot? Slot, string? Refusal) TryTake(Guid userId)
    {
        var limit = options.Value.MaxAnswersInFlight;
        lock (gate)
        {
            var count = inFlight.GetValueOrDefault(userId);
            if (count >= limit)
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"You already have {count} {(count == 1 ? "answer" : "answers")} arriving, the most your course allows at once. Wait for one to finish or stop it, then send again."));
            }

            inFlight[userId] = count + 1;
        }

        gauge.Add(1);
        return (new AnswerSlot(() => Release(userId)), null);
    }

    private void Release(Guid userId)
    {
        lock (gate)
        {
            var count = inFlight.GetValueOrDefault(userId) - 1;
            if (count <= 0)
            {
                inFlight.Remove(userId);
            }
            else
            {
                inFlight[userId] = count;
            }
        }

        gauge.Add(-1);
    }
}

/// <summary>One answer's place among a student's answers in flight. Disposing gives it back, once.</summary>
public sealed class AnswerSlot(Action release) : IDisposable
{
    private int released;
    private IDisposable? companion;

    /// <summary>Something to let go together with the slot: the call's spend reservation (X7, Usage/Spend/SpendControl).</summary>
    public void Attach(IDisposable attached)
    {
        ArgumentNullException.ThrowIfNull(attached);
        companion = attached;
        if (Volatile.Read(ref released) == 1)
        {
            Interlocked.Exchange(ref companion, null)?.Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            release();
            Interlocked.Exchange(ref companion, null)?.Dispose();
        }
    }
}
