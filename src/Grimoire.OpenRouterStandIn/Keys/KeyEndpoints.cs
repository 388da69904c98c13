using System.Globalization;
using Grimoire.OpenRouterStandIn.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Grimoire.OpenRouterStandIn.Keys;

/// <summary>
/// OpenRouter's key-management API under <c>/api/v1/keys</c>: every call needs the management key; keys are
/// addressed by hash; the plain key is returned by the create call only.
/// </summary>
internal sealed class KeyEndpoints(StandInState state, OpenRouterStandInOptions options)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/api/v1/keys", ["POST"], Guarded(CreateAsync));
        routes.MapMethods("/api/v1/keys", ["GET"], Guarded(ListAsync));
        routes.MapMethods("/api/v1/keys/{hash}", ["GET"], Guarded(GetAsync));
        routes.MapMethods("/api/v1/keys/{hash}", ["PATCH"], Guarded(PatchAsync));
        routes.MapMethods("/api/v1/keys/{hash}", ["DELETE"], Guarded(DeleteAsync));
    }

    private RequestDelegate Guarded(RequestDelegate handler) => async context =>
    {
        var bearer = Bearer.From(context.Request);
        if (bearer is null)
        {
            await JsonResponse.ErrorAsync(context, 401, "No auth credentials found");
            return;
        }

        if (!Bearer.SameKey(bearer, options.ManagementKey))
        {
            await JsonResponse.ErrorAsync(context, 401, "Invalid management key: only a management (provisioning) key can manage API keys.");
            return;
        }

        await handler(context);
    };

    private async Task CreateAsync(HttpContext context)
    {
        var body = await JsonResponse.ReadBodyAsync(context.Request, context.RequestAborted);
        using var doc = await JsonResponse.ReadObjectAsync(context, body);
        if (doc is null)
        {
            return;
        }

        var (draft, problem) = KeyRequests.ReadCreate(doc.RootElement, options.Time.GetUtcNow());
        if (draft is null)
        {
            await JsonResponse.ErrorAsync(context, 400, problem!);
            return;
        }

        var (key, info) = state.Mint(draft);
        Log.Key(context, info.Hash);
        await JsonResponse.WriteAsync(context, 201, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            KeyWire.Write(w, info);
            w.WriteString("key", key);
            w.WriteEndObject();
        });
    }

    private async Task ListAsync(HttpContext context)
    {
        var offsetText = context.Request.Query["offset"].FirstOrDefault();
        var offset = 0;
        if (offsetText is not null && (!int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            await JsonResponse.ErrorAsync(context, 400, "offset: Expected a non-negative integer");
            return;
        }

        var includeDisabled = string.Equals(context.Request.Query["include_disabled"].FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        var page = state.Page(offset, includeDisabled);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var key in page)
            {
                KeyWire.Write(w, key);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private async Task GetAsync(HttpContext context)
    {
        var hash = Hash(context);
        if (state.Find(hash) is { Deleted: false } key)
        {
            await WriteDataAsync(context, key);
            return;
        }

        await NotFoundAsync(context);
    }

    private async Task PatchAsync(HttpContext context)
    {
        var body = await JsonResponse.ReadBodyAsync(context.Request, context.RequestAborted);
        using var doc = await JsonResponse.ReadObjectAsync(context, body);
        if (doc is null)
        {
            return;
        }

        var (patch, problem) = KeyRequests.ReadPatch(doc.RootElement);
        if (patch is null)
        {
            await JsonResponse.ErrorAsync(context, 400, problem!);
            return;
        }

        if (state.Update(Hash(context), patch) is { } key)
        {
            await WriteDataAsync(context, key);
            return;
        }

        await NotFoundAsync(context);
    }

    private async Task DeleteAsync(HttpContext context)
    {
        if (!state.Delete(Hash(context)))
        {
            await NotFoundAsync(context);
            return;
        }

        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("deleted", true);
            w.WriteEndObject();
        });
    }

    private static string Hash(HttpContext context) => context.GetRouteValue("hash") as string ?? "";

    private static Task NotFoundAsync(HttpContext context) => JsonResponse.ErrorAsync(context, 404, "API key not found");

    private static Task WriteDataAsync(HttpContext context, StandInKey key) => JsonResponse.WriteAsync(context, 200, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("data");
        KeyWire.Write(w, key);
        w.WriteEndObject();
    });
}
