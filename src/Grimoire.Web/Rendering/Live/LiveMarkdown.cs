using Microsoft.AspNetCore.Components;

namespace Grimoire.Web.Rendering;

/// <summary>
/// Renders one message while its text streams in. The text only grows, and everything before the last paragraph
/// break (outside a code fence) no longer changes: each newly stable stretch is rendered once, as its own chunk,
/// and never again, so a render batch carries only what changed (issue 14 item 1): the chunks already on the page
/// diff to nothing, a new chunk is one insertion, and only the tail after the last break is sent again. A tail that
/// would itself grow long is split further: an open code fence into its finished lines and the line being written,
/// a pipe table into its finished rows and the row being written (<see cref="LiveTable"/>), a long paragraph into
/// finished sentences and the one being written (<see cref="LiveParagraph"/>). Between the parts the rendering can
/// differ from a whole-document render in small ways (a list continued after a blank line starts a new list, a
/// reference link defined in a later chunk); the finished message is rendered whole by <see cref="MarkdownRenderer.Render"/>.
/// </summary>
public sealed class LiveMarkdown
{
    private readonly MarkdownRenderer renderer;
    private readonly List<MarkupString> chunks = [];
    private readonly LiveTable table;
    private readonly LiveParagraph paragraph;
    private readonly List<string> codeLines = [];
    private string stableSource = string.Empty;
    private int tailStart = -1;
    private int codeConsumed; // characters of the open fence's body already in codeLines
    private int codeFenceStart = -1;

    internal LiveMarkdown(MarkdownRenderer renderer)
    {
        this.renderer = renderer;
        table = new LiveTable(renderer);
        paragraph = new LiveParagraph(renderer);
    }

    /// <summary>How many times a stable chunk was rendered (for tests).</summary>
    internal int StableRenders { get; private set; }

    /// <summary>The text as one markup string (the chunks, then the tail); <see cref="Parts"/> is what a page renders.</summary>
    public MarkupString Render(string? markdown)
    {
        var parts = Parts(markdown);
        return new MarkupString(string.Concat(parts.Stable.Select(c => c.Value)) + parts.TailHtml());
    }

    /// <summary>The text as the chunks that will not change again and the tail that still may.</summary>
    public LiveParts Parts(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return LiveParts.Empty;
        }

        var split = MarkdownLines.StableLength(markdown);
        if (split < stableSource.Length || !markdown.AsSpan(0, stableSource.Length).SequenceEqual(stableSource))
        {
            chunks.Clear(); // the text was replaced rather than extended: start over
            stableSource = string.Empty;
            tailStart = -1;
        }

        if (split > stableSource.Length)
        {
            chunks.Add(new MarkupString(renderer.ToSafeHtml(markdown[stableSource.Length..split])));
            stableSource = markdown[..split];
            StableRenders++;
        }

        if (split != tailStart)
        {
            tailStart = split;
            ResetTail();
        }

        return new LiveParts([.. chunks], TailOf(markdown[split..]));
    }

    private LiveTail TailOf(string tail)
    {
        if (MarkdownLines.OpenFenceIn(tail) is { } fence)
        {
            return OpenCode(tail, fence);
        }

        codeFenceStart = -1;
        return table.Parts(tail) as LiveTail
            ?? paragraph.Parts(tail) as LiveTail
            ?? new MarkupTail(new MarkupString(renderer.ToSafeHtml(tail)));
    }

    /// <summary>The markup before an open fence, the fence's finished lines (kept between updates) and the line being written.</summary>
    private OpenCodeBlock OpenCode(string tail, (int Start, int BodyStart, string Language) fence)
    {
        if (fence.Start != codeFenceStart)
        {
            codeFenceStart = fence.Start;
            codeLines.Clear();
            codeConsumed = 0;
        }

        var body = tail.AsSpan(fence.BodyStart);
        var lastBreak = body.LastIndexOf('\n');
        if (lastBreak + 1 > codeConsumed)
        {
            var finished = body[codeConsumed..(lastBreak + 1)];
            for (var end = finished.IndexOf('\n'); end >= 0; end = finished.IndexOf('\n'))
            {
                codeLines.Add(finished[..end].ToString());
                finished = finished[(end + 1)..];
            }

            codeConsumed = lastBreak + 1;
        }

        var before = fence.Start == 0 ? new MarkupString(string.Empty) : new MarkupString(renderer.ToSafeHtml(tail[..fence.Start]));
        return new OpenCodeBlock(before, fence.Language, [.. codeLines], body[codeConsumed..].ToString());
    }

    private void ResetTail()
    {
        table.Reset();
        paragraph.Reset();
        codeLines.Clear();
        codeConsumed = 0;
        codeFenceStart = -1;
    }

    /// <summary>See <see cref="MarkdownLines.StableLength"/>.</summary>
    internal static int StableLength(string markdown) => MarkdownLines.StableLength(markdown);
}
