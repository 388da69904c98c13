using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Grimoire.Web.Rendering;

/// <summary>
/// A streaming message as <see cref="LiveMarkdown"/> splits it: <see cref="Stable"/> chunks that never change again,
/// then the tail — rendered markup, and an open code block when the tail ends inside a fence.
/// </summary>
public sealed record LiveParts(IReadOnlyList<MarkupString> Stable, MarkupString Tail, OpenCodeBlock? Code)
{
    public static LiveParts Empty { get; } = new([], new MarkupString(string.Empty), null);

    /// <summary>The tail as one HTML string (the open code block as Markdig would write it so far).</summary>
    public string TailHtml() => Code is null ? Tail.Value : Tail.Value + Code.Html();

    /// <summary>
    /// Renders the parts as separate frames, so Blazor's diff sends only what changed: one markup frame per stable
    /// chunk (the same sequence number in a loop: equal strings diff to nothing, a new one is an insertion), the tail,
    /// and an open code block's lines as text frames.
    /// </summary>
    public RenderFragment Fragment() => builder => Build(builder);

    private void Build(RenderTreeBuilder builder)
    {
        builder.OpenRegion(0);
        foreach (var chunk in Stable)
        {
            builder.AddMarkupContent(1, chunk.Value);
        }

        builder.CloseRegion();
        builder.AddMarkupContent(2, Tail.Value);
        if (Code is not null)
        {
            builder.OpenElement(3, "pre");
            builder.AddAttribute(4, "class", "md-code-streaming");
            builder.OpenElement(5, "code");
            if (Code.Language.Length > 0)
            {
                builder.AddAttribute(6, "class", "language-" + Code.Language);
            }

            builder.OpenRegion(7);
            foreach (var line in Code.Lines)
            {
                builder.AddContent(8, line + "\n");
            }

            builder.CloseRegion();
            builder.AddContent(9, Code.Writing);
            builder.CloseElement();
            builder.CloseElement();
        }
    }
}

/// <summary>A fenced code block still being written: its language, its finished lines and the line in progress (plain text, escaped when rendered).</summary>
public sealed record OpenCodeBlock(string Language, IReadOnlyList<string> Lines, string Writing)
{
    public string Html()
    {
        var language = Language.Length > 0 ? $" class=\"language-{WebUtility.HtmlEncode(Language)}\"" : "";
        return $"<pre class=\"md-code-streaming\"><code{language}>{WebUtility.HtmlEncode(string.Concat(Lines.Select(l => l + "\n")) + Writing)}</code></pre>";
    }
}
