using Grimoire.Llm.OpenRouter.Keys;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Llm.Tests.StandIn;

/// <summary>
/// Our key client's <see cref="IOpenRouterKeyClient.GetCreditsAsync"/> over real HTTP against the stand-in's
/// <c>GET /api/v1/credits</c> (the site admin's remaining credit, issue 13 item 4, X1).
/// </summary>
public sealed class StandInCreditsTests : StandInTest
{
    [Fact]
    public async Task Credits_report_what_was_bought_and_what_every_answered_call_cost_X1()
    {
        var before = await Keys.GetCreditsAsync(Ct);
        Assert.Equal((100m, 0m, 100m), (before.TotalCredits, before.TotalUsage, before.Remaining));

        var key = (await MintAsync(5m)).Key;
        var turn = await AskAsync(key);
        var cost = turn.Usage!.CostUsd!.Value;
        Assert.True(cost > 0m);

        var after = await Keys.GetCreditsAsync(Ct);
        Assert.Equal((100m, cost, 100m - cost), (after.TotalCredits, after.TotalUsage, after.Remaining));
        Assert.Contains(RequestLog, l => l.StartsWith("GET /api/v1/credits -> 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credits_need_the_management_key_and_an_ordinary_key_is_refused_X1()
    {
        var key = (await MintAsync()).Key;
        using var student = new TestProviders(Server.BaseUrl, new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:ManagementKey"] = key,
        });

        var refused = await Assert.ThrowsAsync<OpenRouterKeyApiException>(
            () => student.Services.GetRequiredService<IOpenRouterKeyClient>().GetCreditsAsync(Ct));

        Assert.Equal((OpenRouterKeyApiError.Unauthorized, (int?)401), (refused.Error, refused.StatusCode));
        Assert.DoesNotContain(key, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(student.Logs.Lines, l => l.Contains(key, StringComparison.Ordinal));
    }
}
