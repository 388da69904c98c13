using System.Globalization;
using System.Text;
using Grimoire.OpenRouterStandIn.Catalogue;

namespace Grimoire.OpenRouterStandIn.Chat;

/// <summary>
/// The stand-in's reply to one request, decided before anything is sent: the thinking (if asked for and the model
/// can), a friendly Markdown answer quoting the student's last message, the finish reason, and the token counts the
/// usage chunk reports. Deterministic: the same request always gets the same answer.
/// </summary>
internal sealed record StandInAnswer(
    string Reasoning,
    bool ShowReasoning,
    string Content,
    string FinishReason,
    long PromptTokens,
    long ReasoningTokens,
    long ContentTokens)
{
    private const int QuoteLimit = 280;

    public long CompletionTokens => ReasoningTokens + ContentTokens;

    public static StandInAnswer Compose(ChatRequest request, StandInModel model, int? padToTokens = null)
    {
        var reasons = model.SupportsReasoning && (model.AlwaysReasons || request.ReasoningRequested);
        var budget = request.MaxTokens ?? model.MaxCompletionTokens;
        var reasoning = reasons ? Cut(Thinking(request, model), Math.Min(request.ReasoningMaxTokens ?? int.MaxValue, budget)) : "";
        var reasoningTokens = Tokens.Of(reasoning);
        var content = Pad(Answer(request, model, reasons), padToTokens);
        var room = (int)Math.Max(0, budget - reasoningTokens);
        var finish = "stop";
        if (Tokens.Of(content) > room)
        {
            content = Cut(content, room);
            finish = "length";
        }

        return new StandInAnswer(reasoning, reasons && !request.ReasoningExcluded, content, finish,
            Tokens.OfPrompt(request.Messages), reasoningTokens, Tokens.Of(content));
    }

    private static string Thinking(ChatRequest request, StandInModel model)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"The student wrote: “{Shorten(OneLine(Question(request)), 80)}”. ")
            .Append(CultureInfo.InvariantCulture, $"I am Grimoire's local OpenRouter stand-in answering as {model.Name}, so no real model thinks here.");
        if (request.ReasoningEffort is not ("minimal" or "low"))
        {
            text.Append(" I will quote the question back, say where this answer comes from, and report tokens with a cost priced like ")
                .Append(model.Id).Append('.');
        }

        if (request.ReasoningEffort is "high" or "xhigh")
        {
            text.Append(" Thinking harder changes nothing but the number of reasoning tokens billed.");
        }

        return text.ToString();
    }

    private static string Answer(ChatRequest request, StandInModel model, bool reasons)
    {
        var text = new StringBuilder()
            .Append("**Hello from the local OpenRouter stand-in!** 👋\n\n")
            .Append(CultureInfo.InvariantCulture, $"You asked *{model.Name}*:\n\n");
        foreach (var line in Shorten(Question(request), QuoteLimit).Split('\n'))
        {
            text.Append("> ").Append(line.TrimEnd()).Append('\n');
        }

        var thinking = !model.SupportsReasoning ? "this model cannot think"
            : !reasons ? "not requested"
            : request.ReasoningExcluded ? "done but hidden (`exclude: true`), still billed"
            : "streamed before this answer";
        var last = request.LastUser;
        text.Append("\nThis reply comes from Grimoire's stand-in for OpenRouter on this machine, not from a language model, ")
            .Append("so it cannot really answer you. Everything around it is real-shaped: the request JSON, the streamed chunks, ")
            .Append("the token counts and the cost, priced like the real model.\n\n")
            .Append(CultureInfo.InvariantCulture, $"- **Model:** `{model.Id}`\n")
            .Append(CultureInfo.InvariantCulture, $"- **Messages sent:** {request.Messages.Count}\n")
            .Append(CultureInfo.InvariantCulture, $"- **Thinking:** {thinking}\n");
        if (last is { Images: > 0 } or { Files: > 0 })
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Attachments:** {last.Images} image(s), {last.Files} file(s)\n");
        }

        return text.Append("\nSet up a real OpenRouter key to get real answers.").ToString();
    }

    /// <summary>Numbered filler words after the answer until it has about <paramref name="tokens"/> tokens (load tests).</summary>
    private static string Pad(string content, int? tokens)
    {
        if (tokens is not { } target || Tokens.Of(content) >= target)
        {
            return content;
        }

        var text = new StringBuilder(content).Append("\n\n");
        for (var word = 1; (text.Length + Tokens.CharsPerToken - 1) / Tokens.CharsPerToken < target; word++)
        {
            text.Append('w').Append(word.ToString(CultureInfo.InvariantCulture)).Append(word % 40 == 0 ? "\n\n" : " ");
        }

        return text.ToString().TrimEnd();
    }

    private static string Question(ChatRequest request) => request.LastUser switch
    {
        { Text.Length: > 0 } user => user.Text.Trim(),
        { Images: > 0 } => "(an image, no text)",
        { Files: > 0 } => "(a file, no text)",
        _ => "(no question)",
    };

    private static string OneLine(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string text, int limit) =>
        text.Length <= limit ? text : SafeCut(text, limit).TrimEnd() + "…";

    /// <summary>The longest start of <paramref name="text"/> within <paramref name="tokens"/> tokens.</summary>
    private static string Cut(string text, int tokens) =>
        Tokens.Of(text) <= tokens ? text : SafeCut(text, tokens * Tokens.CharsPerToken);

    private static string SafeCut(string text, int length)
    {
        if (length >= text.Length)
        {
            return text;
        }

        return length > 0 && char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
