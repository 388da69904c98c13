using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Grimoire.Web.Rendering;

/// <summary>
/// A streaming message as <see cref="LiveMarkdown"/> splits it: <see cref="Stable"/> chunks that never change again,
/// then the <see cref="Tail"/> that still may.
/// </summary>
public sealed record LiveParts(IReadOnlyList<MarkupString> Stable, LiveTail Tail)
{
    public static LiveParts Empty { get; } = new([], new MarkupTail(new MarkupString(string.Empty)));

    /// <summary>The tail as one HTML string.</summary>
    public string TailHtml() => Tail.Html();

    /// <summary>
    /// Renders the parts as separate frames, so Blazor's diff sends only what changed: one markup frame per stable
    /// chunk (the same sequence number in a loop: equal strings diff to nothing, a new one is an insertion), then the
    /// tail, whose kinds each have their own region so that a change of kind replaces the tail rather than patching it.
    /// </summary>
    public RenderFragment Fragment() => builder =>
    {
        builder.OpenRegion(0);
        foreach (var chunk in Stable)
        {
            builder.AddMarkupContent(1, chunk.Value);
        }

        builder.CloseRegion();
        Tail.Build(builder);
    };
}

/// <summary>The part of a streaming message that may still change.</summary>
public abstract record LiveTail
{
    /// <summary>The tail as one HTML string, as a whole-document render would write it (up to whitespace).</summary>
    public abstract string Html();

    internal abstract void Build(RenderTreeBuilder builder);

    /// <summary>Markup frames of one sequence number in a region: unchanged ones diff to nothing, new ones are insertions.</summary>
    private protected static void AddChunks(RenderTreeBuilder builder, IReadOnlyList<MarkupString> chunks)
    {
        builder.OpenRegion(0);
        foreach (var chunk in chunks)
        {
            builder.AddMarkupContent(1, chunk.Value);
        }

        builder.CloseRegion();
    }
}

/// <summary>A tail rendered whole: short, or of a shape with no finer split.</summary>
public sealed record MarkupTail(MarkupString Markup) : LiveTail
{
    public override string Html() => Markup.Value;

    internal override void Build(RenderTreeBuilder builder)
    {
        builder.OpenRegion(10);
        builder.AddMarkupContent(0, Markup.Value);
        builder.CloseRegion();
    }
}

/// <summary>
/// A fenced code block still being written, after the markup before it: its language, its finished lines (each sent
/// once, as a text frame) and the line in progress (plain text, escaped when rendered).
/// </summary>
public sealed record OpenCodeBlock(MarkupString Before, string Language, IReadOnlyList<string> Lines, string Writing) : LiveTail
{
    public override string Html()
    {
        var language = Language.Length > 0 ? $" class=\"language-{System.Net.WebUtility.HtmlEncode(Language)}\"" : "";
        var code = System.Net.WebUtility.HtmlEncode(string.Concat(Lines.Select(l => l + "\n")) + Writing);
        return $"{Before.Value}<pre class=\"md-code-streaming\"><code{language}>{code}</code></pre>";
    }

    internal override void Build(RenderTreeBuilder builder)
    {
        builder.OpenRegion(20);
        builder.AddMarkupContent(0, Before.Value);
        builder.OpenElement(1, "pre");
        builder.AddAttribute(2, "class", "md-code-streaming");
        builder.OpenElement(3, "code");
        if (Language.Length > 0)
        {
            builder.AddAttribute(4, "class", "language-" + Language);
        }

        builder.OpenRegion(5);
        foreach (var line in Lines)
        {
            builder.AddContent(0, line + "\n");
        }

        builder.CloseRegion();
        builder.AddContent(6, Writing);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseRegion();
    }
}

/// <summary>
/// A pipe table still being written: its head (markup inside <c>&lt;table&gt;</c> before the body), its finished rows
/// (sent once, in batches) and the row in progress. <see cref="Open"/> and <see cref="Close"/> are the exact HTML
/// around the rows, so <see cref="Html"/> is what the whole table renders as.
/// </summary>
public sealed record TableTail(string Open, MarkupString Head, IReadOnlyList<MarkupString> Rows, MarkupString Writing, string Close) : LiveTail
{
    public override string Html() => Open + string.Concat(Rows.Select(r => r.Value)) + Writing.Value + Close;

    internal override void Build(RenderTreeBuilder builder)
    {
        builder.OpenRegion(30);
        builder.OpenElement(0, "table");
        builder.AddMarkupContent(1, Head.Value);
        builder.OpenElement(2, "tbody");
        AddChunks(builder, Rows);
        builder.AddMarkupContent(3, Writing.Value);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseRegion();
    }
}

/// <summary>
/// A long paragraph still being written: its finished stretches of inline markup (whole sentences or lines, each
/// with the separator after it, sent once) and the stretch in progress.
/// </summary>
public sealed record ParagraphTail(IReadOnlyList<MarkupString> Stretches, MarkupString Writing) : LiveTail
{
    public override string Html() => "<p>" + string.Concat(Stretches.Select(s => s.Value)) + Writing.Value + "</p>\n";

    internal override void Build(RenderTreeBuilder builder)
    {
        builder.OpenRegion(40);
        builder.OpenElement(0, "p");
        AddChunks(builder, Stretches);
        builder.AddMarkupContent(1, Writing.Value);
        builder.CloseElement();
        builder.CloseRegion();
    }
}
