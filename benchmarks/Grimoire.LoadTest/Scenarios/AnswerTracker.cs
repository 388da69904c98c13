using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Grimoire.LoadTest.Circuits;

namespace Grimoire.LoadTest.Scenarios;

/// <summary>
/// One sender's turn, timed on the driver's clock (the stand-in runs in the driver's process, so its timestamps and
/// the render batches' arrivals share one <see cref="Stopwatch"/>): when the composer's send left, when the stand-in
/// received the request, when each content piece was flushed, and when the first render batch showing that piece
/// arrived. The stand-in's filler words are numbered (<c>w1 w2 …</c>), so a batch shows piece n when it carries word n
/// (the highest number in a batch is the newest text it shows; earlier words may be re-sent or not).
/// </summary>
internal sealed partial class AnswerTracker(int sender, CircuitClient client)
{
    private readonly Lock gate = new();
    private readonly List<(int Word, long SentAt)> pieces = [];
    private readonly List<double> pieceToBatchMs = [];
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int shownUpTo;
    private (long Messages, long Bytes, long Batches, long BatchBytes) atSend;

    public int Sender { get; } = sender;

    public string Text => $"Load test turn from sender {Sender}: please answer at length.";

    public long SentAt { get; private set; }

    public long ReceivedAt { get; private set; }

    public (long Messages, long Bytes, long Batches, long BatchBytes) Answer { get; private set; }

    public Task Done => done.Task;

    public IReadOnlyList<double> PieceToBatchMs
    {
        get
        {
            lock (gate)
            {
                return [.. pieceToBatchMs];
            }
        }
    }

    public double RequestToProviderMs => ReceivedAt == 0 ? double.NaN : Stopwatch.GetElapsedTime(SentAt, ReceivedAt).TotalMilliseconds;

    public static int? SenderOf(ReadOnlyMemory<byte> body) =>
        SenderNumber().Match(Encoding.UTF8.GetString(body.Span)) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public async Task SendAsync(CancellationToken ct)
    {
        client.OnBatch = Batch;
        atSend = client.Traffic.Snapshot();
        SentAt = Stopwatch.GetTimestamp();
        if (!await client.SendAsync(Text, ct))
        {
            done.TrySetException(new InvalidOperationException("the composer was not attached"));
        }
    }

    /// <summary>The stand-in received this sender's request (called from the stand-in's request thread).</summary>
    /// <remarks>
    /// Only the first call counts: the turn's answer. A later call with the same text (the conversation's title, asked
    /// of the model after the answer) is not this turn's request→provider.
    /// </remarks>
    public Action<int, string, long>? Received(long at)
    {
        if (ReceivedAt != 0)
        {
            return null;
        }

        ReceivedAt = at;
        return (_, text, sentAt) =>
        {
            if (Word().Match(text) is { Success: true } m)
            {
                lock (gate)
                {
                    pieces.Add((int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), sentAt));
                }
            }
        };
    }

    private void Batch(ArrivedBatch batch)
    {
        if (SentAt == 0)
        {
            return;
        }

        var text = Encoding.UTF8.GetString(batch.Data);
        var newest = 0;
        foreach (Match m in Word().Matches(text))
        {
            newest = Math.Max(newest, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        lock (gate)
        {
            if (newest > shownUpTo)
            {
                foreach (var (word, sentAt) in pieces.Where(p => p.Word > shownUpTo && p.Word <= newest))
                {
                    pieceToBatchMs.Add(Stopwatch.GetElapsedTime(sentAt, batch.At).TotalMilliseconds);
                }

                shownUpTo = newest;
            }
        }

        // The message card's data-status turns "complete" once the answer is stored; that batch ends the answer.
        if (pieces.Count > 0 && text.Contains("complete", StringComparison.Ordinal))
        {
            var now = client.Traffic.Snapshot();
            Answer = (now.Messages - atSend.Messages, now.Bytes - atSend.Bytes, now.Batches - atSend.Batches, now.BatchBytes - atSend.BatchBytes);
            done.TrySetResult();
        }
    }

    [GeneratedRegex("sender (\\d+):")]
    private static partial Regex SenderNumber();

    [GeneratedRegex("(?<![A-Za-z0-9])w(\\d+)(?![0-9])")]
    private static partial Regex Word();
}
