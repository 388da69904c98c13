using Grimoire.OpenRouterStandIn.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Grimoire.OpenRouterStandIn.Keys;

/// <summary>
/// OpenRouter's <c>GET /api/v1/credits</c>: <c>{"data":{"total_credits":…,"total_usage":…}}</c> in USD, for the
/// management key only (an ordinary key gets 401 here as at OpenRouter, where a management key is required).
/// </summary>
internal sealed class CreditsEndpoint(StandInState state, OpenRouterStandInOptions options)
{
    public void Map(IEndpointRouteBuilder routes) => routes.MapMethods("/api/v1/credits", ["GET"], ReadAsync);

    private async Task ReadAsync(HttpContext context)
    {
        var bearer = Bearer.From(context.Request);
        if (bearer is null)
        {
            await JsonResponse.ErrorAsync(context, 401, "No auth credentials found");
            return;
        }

        if (!Bearer.SameKey(bearer, options.ManagementKey))
        {
            await JsonResponse.ErrorAsync(context, 401, "Invalid management key: only a management (provisioning) key can read credits.");
            return;
        }

        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteNumber("total_credits", options.Credits);
            w.WriteNumber("total_usage", state.TotalUsage);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
