namespace Grimoire.Llm.ChatCompletions;

/// <summary>
/// Routes <c>&lt;think&gt;…&lt;/think&gt;</c> at the start of a model's text to the thinking channel, with tags split
/// across chunks. Once answer text has begun, content passes straight through without allocating.
/// </summary>
internal sealed class ThinkTagSplitter
{
    private const string Open = "<think>";
    private const string Close = "</think>";

    private State state;
    private string held = "";

    private enum State
    {
        Start,
        Thinking,
        AfterThinking,
        Text,
    }

    public bool IsThinking => state == State.Thinking;

    public (string? Thinking, string? Text) Push(string delta)
    {
        switch (state)
        {
            case State.Text:
                return (null, delta);
            case State.AfterThinking:
                var rest = delta.TrimStart('\r', '\n');
                if (rest.Length == 0)
                {
                    return (null, null);
                }

                state = State.Text;
                return (null, rest);
            case State.Start:
                var buffer = this.held + delta;
                var trimmed = buffer.AsSpan().TrimStart();
                if (trimmed.StartsWith(Open, StringComparison.Ordinal))
                {
                    state = State.Thinking;
                    this.held = "";
                    return PushThinking(trimmed[Open.Length..].ToString());
                }

                if (Open.AsSpan().StartsWith(trimmed, StringComparison.Ordinal))
                {
                    this.held = buffer;
                    return (null, null);
                }

                state = State.Text;
                this.held = "";
                return (null, buffer);
            default:
                return PushThinking(delta);
        }
    }

    /// <summary>Whatever is held back when the stream ends.</summary>
    public (string? Thinking, string? Text) Flush()
    {
        var held = this.held;
        this.held = "";
        if (held.Length == 0)
        {
            return (null, null);
        }

        return state == State.Thinking ? (held, null) : (null, held);
    }

    private (string? Thinking, string? Text) PushThinking(string delta)
    {
        var buffer = this.held + delta;
        var end = buffer.IndexOf(Close, StringComparison.Ordinal);
        if (end >= 0)
        {
            this.held = "";
            var rest = buffer[(end + Close.Length)..].TrimStart('\r', '\n');
            state = rest.Length == 0 ? State.AfterThinking : State.Text;
            return (NullIfEmpty(buffer[..end]), NullIfEmpty(rest));
        }

        var keep = HeldBackLength(buffer);
        this.held = buffer[^keep..];
        return (NullIfEmpty(buffer[..^keep]), null);
    }

    /// <summary>The longest suffix of <paramref name="buffer"/> that could begin a closing tag.</summary>
    private static int HeldBackLength(string buffer)
    {
        for (var n = Math.Min(Close.Length - 1, buffer.Length); n > 0; n--)
        {
            if (buffer.AsSpan(buffer.Length - n).SequenceEqual(Close.AsSpan(0, n)))
            {
                return n;
            }
        }

        return 0;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
