using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Grimoire.Core.Annotation.Snapshot;

/// <summary>
/// The annotation snapshot of a conversation (AC5.1–AC5.3): the system prompt at the top, one section per message with
/// its speaker, a byline with the metadata (also as data attributes), thinking as a collapsible section and
/// attachments as chips. The result is sanitised by <see cref="DocumentHtml.Sanitize"/>.
/// </summary>
public static class ConversationHtml
{
    public static string Build(ConversationRecord record, IMarkdownHtml markdown)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(markdown);
        var html = new StringBuilder();
        html.Append("<article class=\"grimoire-conversation\" data-conversation-id=\"").Append(record.Id).Append("\">");
        html.Append("<header class=\"doc-header\"><h1>").Append(Encode(record.Title)).Append("</h1></header>");
        if (!string.IsNullOrWhiteSpace(record.SystemPrompt))
        {
            html.Append("<section class=\"message system-prompt\" data-role=\"system\"><h2 class=\"speaker\">System prompt</h2>")
                .Append("<div class=\"body\">").Append(markdown.ToSafeHtml(record.SystemPrompt)).Append("</div></section>");
        }

        foreach (var message in record.Messages)
        {
            AppendMessage(html, message, markdown);
        }

        html.Append("</article>");
        return DocumentHtml.Sanitize(html.ToString());
    }

    private static void AppendMessage(StringBuilder html, MessageRecord message, IMarkdownHtml markdown)
    {
        html.Append("<section class=\"message ").Append(message.Role).Append("\" data-role=\"").Append(message.Role)
            .Append("\" data-message-id=\"").Append(message.Id).Append("\" data-sequence=\"").Append(Number(message.Sequence)).Append('"');
        Attribute(html, "data-model", message.Model);
        Attribute(html, "data-provider", message.Provider);
        Attribute(html, "data-tokens-in", Number(message.InputTokens));
        Attribute(html, "data-tokens-out", Number(message.OutputTokens));
        Attribute(html, "data-tokens-thinking", Number(message.ThinkingTokens));
        Attribute(html, "data-cost", message.Cost?.ToString(CultureInfo.InvariantCulture));
        Attribute(html, "data-parameters", message.Parameters is null ? null : JsonSerializer.Serialize(message.Parameters));
        Attribute(html, "data-status", message.Status);
        html.Append('>');

        html.Append("<h2 class=\"speaker\">").Append(Encode(Speaker(message))).Append("</h2>");
        if (Byline(message) is { } byline)
        {
            html.Append("<p class=\"byline\">").Append(Encode(byline)).Append("</p>");
        }

        if (message.Thinking is { Length: > 0 } thinking)
        {
            html.Append("<details class=\"thinking\"><summary>Thinking</summary><div class=\"body\">")
                .Append(markdown.ToSafeHtml(thinking)).Append("</div></details>");
        }

        html.Append("<div class=\"body\">").Append(markdown.ToSafeHtml(message.Content)).Append("</div>");
        if (message.Error is { Length: > 0 } error && message.Status != "complete")
        {
            html.Append("<p class=\"error\">").Append(Encode(error)).Append("</p>");
        }

        if (message.Attachments is { Count: > 0 } attachments)
        {
            html.Append("<ul class=\"attachments\">");
            foreach (var attachment in attachments)
            {
                html.Append("<li class=\"chip\">").Append(Encode(attachment.Name));
                if (attachment.Size is { } size)
                {
                    html.Append(" (").Append(ConversationRecords.Size(size)).Append(')');
                }

                html.Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section>");
    }

    public static string Speaker(MessageRecord message) => message.Role == "user"
        ? (string.IsNullOrWhiteSpace(message.Author) ? "Student" : message.Author)
        : "Assistant";

    /// <summary>"model · 1200 in · 345 out · 120 thinking · $0.000123 · max_tokens 1024, temperature 0.7", or null.</summary>
    public static string? Byline(MessageRecord message)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(message.Model))
        {
            parts.Add(message.Model);
        }

        if (message.InputTokens is { } input)
        {
            parts.Add(Number(input) + " in");
        }

        if (message.OutputTokens is { } output)
        {
            parts.Add(Number(output) + " out");
        }

        if (message.ThinkingTokens is { } thinking)
        {
            parts.Add(Number(thinking) + " thinking");
        }

        if (message.Cost is { } cost)
        {
            parts.Add("$" + cost.ToString("0.######", CultureInfo.InvariantCulture));
        }

        if (message.Parameters is { Count: > 0 } parameters)
        {
            parts.Add(string.Join(", ", parameters.Select(p => p.Key + " " + p.Value)));
        }

        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    private static void Attribute(StringBuilder html, string name, string? value)
    {
        if (value is not null)
        {
            html.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
        }
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
