using Grimoire.Core.Annotation.Snapshot;

namespace Grimoire.Web.Rendering;

/// <summary>The annotation snapshot renders message Markdown exactly as the playground does (issue 11).</summary>
internal sealed class MarkdownSnapshotHtml(MarkdownRenderer renderer) : IMarkdownHtml
{
    public string ToSafeHtml(string markdown) => renderer.ToSafeHtml(markdown);
}
