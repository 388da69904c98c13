using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Grimoire.Core.Annotation.Snapshot;

namespace Grimoire.Core.Annotation.Exports;

/// <summary>Markdown with YAML front matter (X8): the conversation as written, the metadata in a byline per message.</summary>
public static class ConversationMarkdown
{
    private static readonly JsonSerializerOptions YamlString = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ConversationRecord record, IReadOnlyList<HighlightView>? highlights = null, DocumentFacts? document = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var md = new StringBuilder();
        md.Append("---\n");
        Field(md, "schema", document is null ? ConversationRecord.Schema : DocumentJson.SchemaId);
        Field(md, "conversation_id", record.Id.ToString());
        Field(md, "title", record.Title);
        Field(md, "course", record.CourseCode);
        Field(md, "owner", record.Owner);
        Field(md, "created_at", Time(record.CreatedAt));
        Field(md, "exported_at", Time(record.ExportedAt));
        if (document is not null)
        {
            Field(md, "document_id", document.Id.ToString());
            Field(md, "document_version", document.Version.ToString(CultureInfo.InvariantCulture));
            Field(md, "highlights", (highlights?.Count ?? 0).ToString(CultureInfo.InvariantCulture));
        }

        md.Append("messages: ").Append(record.Messages.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        md.Append("---\n\n# ").Append(record.Title).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(record.SystemPrompt))
        {
            md.Append("## System prompt\n\n").Append(record.SystemPrompt.Trim()).Append("\n\n");
        }

        foreach (var message in record.Messages)
        {
            md.Append("## ").Append(ConversationHtml.Speaker(message)).Append("\n\n");
            if (ConversationHtml.Byline(message) is { } byline)
            {
                md.Append('*').Append(byline).Append("*\n\n");
            }

            if (message.Thinking is { Length: > 0 } thinking)
            {
                md.Append("<details><summary>Thinking</summary>\n\n").Append(thinking.Trim()).Append("\n\n</details>\n\n");
            }

            md.Append(message.Content.Trim()).Append("\n\n");
            foreach (var attachment in message.Attachments ?? [])
            {
                md.Append("- Attachment: ").Append(attachment.Name).Append('\n');
            }
        }

        if (highlights is { Count: > 0 })
        {
            md.Append("## Annotations\n\n");
            var number = 1;
            foreach (var highlight in highlights)
            {
                md.Append(number++.ToString(CultureInfo.InvariantCulture)).Append(". **").Append(highlight.TagName).Append("** (")
                    .Append(highlight.Author).Append("): > ").Append(highlight.Quote.ReplaceLineEndings(" ")).Append('\n');
                foreach (var comment in highlight.Comments)
                {
                    md.Append("   - ").Append(comment.Author).Append(": ").Append(comment.Text.ReplaceLineEndings(" ")).Append('\n');
                }
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static void Field(StringBuilder md, string name, string value) =>
        md.Append(name).Append(": ").Append(JsonSerializer.Serialize(value, YamlString)).Append('\n');

    private static string Time(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
