using Grimoire.Llm.OpenRouter.Keys;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Llm.Tests.StandIn;

/// <summary>Our key-management client (<see cref="IOpenRouterKeyClient"/>) against the stand-in's <c>/api/v1/keys</c>.</summary>
public sealed class StandInKeyTests : StandInTest
{
    [Fact]
    public async Task Create_returns_the_key_once_and_the_stand_in_keeps_only_its_hash()
    {
        var expires = Start.AddDays(30);

        var created = await MintAsync(5.5m, OpenRouterLimitReset.Weekly, expires);

        Assert.Matches("^sk-or-v1-[0-9a-f]{64}$", created.Key);
        Assert.Matches("^[0-9a-f]{64}$", created.Info.Hash);
        Assert.Equal(("Grimoire DEMO-101 alex@demo.grimoire.test", false), (created.Info.Name, created.Info.Disabled));
        Assert.Equal((5.5m, 5.5m, OpenRouterLimitReset.Weekly), (created.Info.Limit, created.Info.LimitRemaining, created.Info.LimitReset));
        Assert.Equal((0m, 0m, 0m, 0m), (created.Info.Usage, created.Info.UsageDaily, created.Info.UsageWeekly, created.Info.UsageMonthly));
        Assert.Equal((Start, expires), (created.Info.CreatedAt, created.Info.ExpiresAt));

        var kept = Assert.Single(Server.Keys);
        Assert.Equal(created.Info.Hash, kept.Hash);
        Assert.Equal(created.Key[..12] + "..." + created.Key[^4..], kept.Label);
        Assert.DoesNotContain(created.Key, kept.ToString(), StringComparison.Ordinal);
        Assert.Equal(created.Info, await Keys.GetAsync(created.Info.Hash, Ct));
    }

    [Fact]
    public async Task Listing_pages_through_every_key_disabled_ones_included()
    {
        var hashes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            hashes.Add((await MintAsync(name: $"student {i}")).Info.Hash);
        }

        await Keys.UpdateAsync(hashes[1], new OpenRouterKeyUpdate { Disabled = true }, Ct);

        var first = await Keys.ListPageAsync(0, Ct);
        var last = await Keys.ListPageAsync(4, Ct);
        var beyond = await Keys.ListPageAsync(6, Ct);
        var all = await Keys.ListAllAsync(Ct).ToListAsync();

        Assert.Equal([hashes[4], hashes[3]], first.Keys.Select(k => k.Hash));
        Assert.Equal([hashes[0]], last.Keys.Select(k => k.Hash));
        Assert.Empty(beyond.Keys);
        Assert.Equal(hashes.AsEnumerable().Reverse(), all.Select(k => k.Hash));
        Assert.True(all.Single(k => k.Hash == hashes[1]).Disabled);
        Assert.Contains(RequestLog, l => l.StartsWith("GET /api/v1/keys?include_disabled=true&offset=6 -> 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_renames_rebudgets_disables_and_enables()
    {
        var hash = (await MintAsync(5m, OpenRouterLimitReset.Weekly)).Info.Hash;
        Clock.Advance(TimeSpan.FromMinutes(5));

        var changed = await Keys.UpdateAsync(hash, new OpenRouterKeyUpdate
        {
            Name = "renamed",
            Disabled = true,
            Budget = new OpenRouterBudget(12.25m, OpenRouterLimitReset.Monthly),
        }, Ct);
        var unlimited = await Keys.UpdateAsync(hash, new OpenRouterKeyUpdate { Budget = new OpenRouterBudget(null, OpenRouterLimitReset.Never) }, Ct);
        var enabled = await Keys.UpdateAsync(hash, new OpenRouterKeyUpdate { Disabled = false }, Ct);

        Assert.Equal(("renamed", true, 12.25m, OpenRouterLimitReset.Monthly), (changed.Name, changed.Disabled, changed.Limit, changed.LimitReset));
        Assert.Equal((null, null, OpenRouterLimitReset.Never), (unlimited.Limit, unlimited.LimitRemaining, unlimited.LimitReset));
        Assert.False(enabled.Disabled);
        Assert.Equal(Start.AddMinutes(5), Server.FindKey(hash)!.UpdatedAt);
    }

    [Fact]
    public async Task Delete_revokes_for_good_and_a_second_delete_says_it_was_gone()
    {
        var hash = (await MintAsync()).Info.Hash;

        Assert.True(await Keys.DeleteAsync(hash, Ct));
        Assert.False(await Keys.DeleteAsync(hash, Ct));
        Assert.Null(await Keys.GetAsync(hash, Ct));
        Assert.Empty(await Keys.ListAllAsync(Ct).ToListAsync());
        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => Keys.UpdateAsync(hash, new OpenRouterKeyUpdate { Disabled = true }, Ct));
        Assert.Equal((OpenRouterKeyApiError.NotFound, 404), (ex.Error, ex.StatusCode));
        Assert.True(Server.FindKey(hash)!.Deleted);
    }

    [Fact]
    public async Task A_wrong_management_key_gets_the_clients_clear_unauthorized_error_and_mints_nothing()
    {
        using var wrong = new TestProviders(Server.BaseUrl, new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:ManagementKey"] = "not-the-management-key",
        });
        var keys = wrong.Services.GetRequiredService<IOpenRouterKeyClient>();

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() =>
            keys.CreateAsync(new OpenRouterKeyCreate("x", 1m, OpenRouterLimitReset.Never, null), Ct));

        Assert.Equal((OpenRouterKeyApiError.Unauthorized, 401), (ex.Error, ex.StatusCode));
        Assert.Contains("Grimoire:Providers:OpenRouter:ManagementKey", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-management-key", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Keys);
    }

    [Fact]
    public async Task A_student_key_cannot_manage_keys()
    {
        var student = await MintAsync();
        using var misconfigured = new TestProviders(Server.BaseUrl, new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:ManagementKey"] = student.Key,
        });

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() =>
            misconfigured.Services.GetRequiredService<IOpenRouterKeyClient>().ListPageAsync(0, Ct));

        Assert.Equal(OpenRouterKeyApiError.Unauthorized, ex.Error);
    }

    [Fact]
    public async Task Values_OpenRouter_refuses_are_bad_requests_with_its_message()
    {
        var negative = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => MintAsync(-1m));
        var past = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() => MintAsync(expires: Start.AddHours(-1)));

        Assert.Equal((OpenRouterKeyApiError.BadRequest, 400), (negative.Error, negative.StatusCode));
        Assert.Contains("limit", negative.Message, StringComparison.Ordinal);
        Assert.Contains("expires_at", past.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Keys);
    }

    [Fact]
    public async Task The_request_log_names_keys_by_hash_prefix_and_never_holds_a_key()
    {
        var created = await MintAsync();
        await Keys.GetAsync(created.Info.Hash, Ct);

        Assert.Contains(RequestLog, l => l == $"POST /api/v1/keys -> 201 key {created.Info.Hash[..8]}…");
        Assert.DoesNotContain(RequestLog, l => l.Contains(created.Key, StringComparison.Ordinal) || l.Contains(ManagementKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_run_adopts_a_key_by_hash_so_it_chats_again_with_its_budget_and_state()
    {
        var kept = await MintAsync(limit: 2m);
        var paused = await MintAsync(name: "Grimoire DEMO-101 priya@demo.grimoire.test");
        await using var next = await Grimoire.OpenRouterStandIn.OpenRouterStandIn.StartAsync(Options(), Ct);
        using var providers = new Infrastructure.TestProviders(next.BaseUrl, new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:ManagementKey"] = ManagementKey,
        });
        var unknown = TestTurn(providers, kept.Key);
        Assert.Equal(401, (await unknown).Failure?.StatusCode);

        Assert.True(next.Adopt(new(kept.Info.Hash, kept.Info.Name, 2m, "weekly", null, Disabled: false)));
        Assert.True(next.Adopt(new(paused.Info.Hash, paused.Info.Name, 5m, "weekly", null, Disabled: true)));
        Assert.False(next.Adopt(new(kept.Info.Hash, "again", null, null, null, Disabled: false)));

        Assert.Equal(Llm.Streaming.ChatTurnStatus.Complete, (await TestTurn(providers, kept.Key)).Status);
        Assert.Equal(401, (await TestTurn(providers, paused.Key)).Failure?.StatusCode);
        var adopted = next.FindKey(kept.Info.Hash)!;
        Assert.Equal((kept.Info.Name, 2m, "weekly"), (adopted.Name, adopted.Limit, adopted.LimitReset));
        Assert.True(adopted.Usage > 0m);
        Assert.Equal(2, next.Keys.Count);
    }

    private static async Task<Llm.Streaming.ChatTurn> TestTurn(Infrastructure.TestProviders providers, string key)
    {
        var client = providers.Registry.CreateClient(new ProviderEndpoint(ProviderKinds.OpenRouter, key), "anthropic/claude-haiku-4.5");
        return Infrastructure.TestProviders.Turn(await Infrastructure.TestProviders.CollectAsync(
            client, [new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "Still there?")], null, Ct));
    }
}
