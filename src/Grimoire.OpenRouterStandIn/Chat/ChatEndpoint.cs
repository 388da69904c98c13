using System.Globalization;
using System.Security.Cryptography;
using Grimoire.OpenRouterStandIn.Catalogue;
using Grimoire.OpenRouterStandIn.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Grimoire.OpenRouterStandIn.Chat;

/// <summary>
/// <c>POST /api/v1/chat/completions</c>. Checks in OpenRouter's order — key (401), body (400), model (400/404),
/// budget (402) — records every call with the key's hash and the exact body, charges the cost to the key before the
/// answer starts, then streams it (SSE) or returns it whole.
/// </summary>
internal sealed class ChatEndpoint(StandInState state, OpenRouterStandInOptions options)
{
    private static readonly byte[] Processing = ": OPENROUTER PROCESSING\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public void Map(IEndpointRouteBuilder routes) => routes.MapMethods("/api/v1/chat/completions", ["POST"], HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var body = await JsonResponse.ReadBodyAsync(context.Request, ct);
        var (keyHash, status, refusal) = state.Authorize(Bearer.From(context.Request));
        Log.Key(context, keyHash);
        if (refusal is not null)
        {
            await RefuseAsync(context, keyHash, body, status, refusal, null, false);
            return;
        }

        using var doc = await JsonResponse.ReadObjectAsync(context, body);
        if (doc is null)
        {
            Refused(keyHash, body, 400, "Invalid JSON body", null, false);
            return;
        }

        var (peekModel, peekStream) = ChatRequest.Peek(doc.RootElement);
        var (request, problem) = ChatRequest.Read(doc.RootElement);
        var model = request is null ? null : options.Models.FirstOrDefault(m => m.Id == request.Model);
        (status, refusal) = (request, model) switch
        {
            (null, _) => (400, problem),
            (_, null) => (400, $"{request.Model} is not a valid model ID"),
            _ when request.Messages.Any(m => m.Images > 0) && !model.AcceptsImages => (404, "No endpoints found that support image input"),
            _ when model.ReasoningIsSigned && ThinkingSignatures.Check(request.Messages, model.ReasoningFormat!) is { } bad => (400, bad),
            _ when keyHash is not null && state.LimitRefusal(keyHash) is { } spent => (402, spent),
            _ => (200, null),
        };
        if (refusal is not null)
        {
            await RefuseAsync(context, keyHash, body, status, refusal, peekModel, peekStream);
            return;
        }

        await AnswerAsync(context, keyHash, body, request!, model!, receivedAt, ct);
    }

    private async Task AnswerAsync(HttpContext context, string? keyHash, byte[] body, ChatRequest request, StandInModel model, long receivedAt, CancellationToken ct)
    {
        var answer = StandInAnswer.Compose(request, model, options.AnswerTokens);
        var now = options.Time.GetUtcNow();
        var generationId = "gen-" + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "-"
            + new string(RandomNumberGenerator.GetItems<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 20));
        var cost = model.CostOf(answer.PromptTokens, answer.CompletionTokens);
        state.Record((sequence, at) => new StandInChatCall(sequence, at, keyHash, body, 200, null)
        {
            Model = model.Id,
            Stream = request.Stream,
            GenerationId = generationId,
            PromptTokens = answer.PromptTokens,
            CompletionTokens = answer.CompletionTokens,
            ReasoningTokens = answer.ReasoningTokens,
            Cost = cost,
        });
        Log.Note(context, string.Create(CultureInfo.InvariantCulture, $"{model.Id} {answer.PromptTokens}+{answer.CompletionTokens} tokens ${cost:0.########}"));

        var json = new ChunkJson(generationId, now.ToUnixTimeSeconds(), model, answer);
        context.Response.Headers["X-Generation-Id"] = generationId;
        if (!request.Stream)
        {
            var whole = json.Completion();
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = whole.Length;
            await context.Response.Body.WriteAsync(whole, ct);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            await StreamAsync(context.Response, json, answer, model, options.StreamObserver?.Invoke(body, receivedAt), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client hung up: the answer was charged when it started, as a provider bills a generation it began.
        }
    }

    private async Task StreamAsync(
        HttpResponse response, ChunkJson json, StandInAnswer answer, StandInModel model, Action<int, string, long>? observe, CancellationToken ct)
    {
        await SendAsync(response, Processing, ct);
        if (options.FirstTokenDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.FirstTokenDelay, ct);
        }

        if (answer.ShowReasoning)
        {
            foreach (var piece in Pieces.Of(answer.Reasoning, options.WordsPerPiece))
            {
                await SendAsync(response, Data(json.Reasoning(piece)), ct);
            }

            if (model.ReasoningIsSigned)
            {
                await SendAsync(response, Data(json.Signature(ThinkingSignatures.Sign(answer.Reasoning))), ct);
            }
        }

        var index = 0;
        foreach (var piece in Pieces.Of(answer.Content, options.WordsPerPiece))
        {
            await SendAsync(response, Data(json.Content(piece)), observe is null ? null : sentAt => observe(index++, piece, sentAt), ct);
        }

        await SendAsync(response, Data(json.Finish()), ct);
        await SendAsync(response, Data(json.Usage()), ct);
        await response.Body.WriteAsync(Done, ct);
        await response.Body.FlushAsync(ct);
    }

    private Task SendAsync(HttpResponse response, byte[] bytes, CancellationToken ct) => SendAsync(response, bytes, null, ct);

    /// <summary>
    /// Writes one event, flushes it, tells <paramref name="sent"/> when (a stopwatch timestamp), then waits
    /// <see cref="OpenRouterStandInOptions.Pace"/> (real time).
    /// </summary>
    private async Task SendAsync(HttpResponse response, byte[] bytes, Action<long>? sent, CancellationToken ct)
    {
        await response.Body.WriteAsync(bytes, ct);
        await response.Body.FlushAsync(ct);
        sent?.Invoke(System.Diagnostics.Stopwatch.GetTimestamp());
        if (options.Pace > TimeSpan.Zero)
        {
            await Task.Delay(options.Pace, ct);
        }
    }

    private static byte[] Data(byte[] json)
    {
        var line = new byte[6 + json.Length + 2];
        "data: "u8.CopyTo(line);
        json.CopyTo(line, 6);
        line[^2] = (byte)'\n';
        line[^1] = (byte)'\n';
        return line;
    }

    private Task RefuseAsync(HttpContext context, string? keyHash, byte[] body, int status, string message, string? model, bool stream)
    {
        Refused(keyHash, body, status, message, model, stream);
        Log.Note(context, message.Length > 80 ? message[..80] + "…" : message);
        return JsonResponse.ErrorAsync(context, status, message);
    }

    private void Refused(string? keyHash, byte[] body, int status, string message, string? model, bool stream) =>
        state.Record((sequence, at) => new StandInChatCall(sequence, at, keyHash, body, status, message) { Model = model, Stream = stream });
}
