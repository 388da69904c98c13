using System.Globalization;
using System.Text.Json;
using Grimoire.OpenRouterStandIn.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Grimoire.OpenRouterStandIn.Catalogue;

/// <summary><c>GET /api/v1/models</c>: public (no key), OpenRouter's catalogue shape with prices as strings.</summary>
internal sealed class ModelsEndpoint(IReadOnlyList<StandInModel> models)
{
    private readonly byte[] body = JsonResponse.Serialize(w => Write(w, models));

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapMethods("/api/v1/models", ["GET"], async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });

    private static void Write(Utf8JsonWriter w, IReadOnlyList<StandInModel> models)
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var m in models)
        {
            WriteModel(w, m);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter w, StandInModel m)
    {
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("canonical_slug", m.CanonicalSlug ?? m.Id);
        w.WriteString("name", m.Name);
        w.WriteNumber("created", m.Created);
        w.WriteString("description", m.Description);
        w.WriteNumber("context_length", m.ContextLength);

        w.WriteStartObject("architecture");
        w.WriteString("modality", (m.AcceptsImages ? "text+image" : "text") + "->text");
        Strings(w, "input_modalities", m.InputModalities);
        Strings(w, "output_modalities", ["text"]);
        w.WriteString("tokenizer", m.Tokenizer);
        w.WriteNull("instruct_type");
        w.WriteEndObject();

        w.WriteStartObject("pricing");
        Price(w, "prompt", m.PromptPrice);
        Price(w, "completion", m.CompletionPrice);
        Price(w, "request", 0m);
        Price(w, "image", 0m);
        Price(w, "web_search", 0m);
        Price(w, "internal_reasoning", 0m);
        if (m.CacheReadPrice is { } cached)
        {
            Price(w, "input_cache_read", cached);
        }

        w.WriteEndObject();

        w.WriteStartObject("top_provider");
        w.WriteNumber("context_length", m.ContextLength);
        w.WriteNumber("max_completion_tokens", m.MaxCompletionTokens);
        w.WriteBoolean("is_moderated", m.IsModerated);
        w.WriteEndObject();

        w.WriteNull("per_request_limits");
        Strings(w, "supported_parameters", m.SupportedParameters);
        w.WriteEndObject();
    }

    /// <summary>USD per token as a plain decimal string (<c>"0.000003"</c>), as OpenRouter sends prices.</summary>
    private static void Price(Utf8JsonWriter w, string name, decimal perToken) =>
        w.WriteString(name, perToken.ToString("0.############", CultureInfo.InvariantCulture));

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
