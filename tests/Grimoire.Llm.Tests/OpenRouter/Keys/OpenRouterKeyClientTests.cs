using System.Text;
using Grimoire.Llm.OpenRouter.Keys;

namespace Grimoire.Llm.Tests.OpenRouter.Keys;

/// <summary>The key-management client over real HTTP: exact requests out, documented answers in (AC2.3, AC2.5).</summary>
public sealed class OpenRouterKeyClientTests : KeyClientTest
{
    [Fact]
    public async Task Create_posts_name_budget_reset_and_expiry_with_the_management_key_and_returns_the_key_once()
    {
        Server.Enqueue(KeyApiResponses.Created(StudentKey, "hash-1"));

        var created = await Keys.CreateAsync(
            new OpenRouterKeyCreate("Grimoire LING-210 alex@uni.test", 5.5m, OpenRouterLimitReset.Weekly, new DateTimeOffset(2026, 12, 21, 0, 0, 0, TimeSpan.Zero)),
            Ct);

        var request = Assert.Single(Server.Received);
        Assert.Equal(("POST", "/api/v1/keys"), (request.Method, request.PathAndQuery));
        Assert.Equal($"Bearer {ManagementKey}", request.Header("Authorization"));
        Assert.Equal(
            """{"name":"Grimoire LING-210 alex@uni.test","limit":5.5,"limit_reset":"weekly","expires_at":"2026-12-21T00:00:00Z"}""",
            Encoding.UTF8.GetString(request.Body));
        Assert.Equal(StudentKey, created.Key);
        Assert.Equal("hash-1", created.Info.Hash);
        Assert.Equal((10m, 0m, OpenRouterLimitReset.Weekly), (created.Info.Limit, created.Info.Usage, created.Info.LimitReset));
        Assert.Equal(new DateTimeOffset(2026, 12, 21, 0, 0, 0, TimeSpan.Zero), created.Info.ExpiresAt);
        Assert.DoesNotContain(StudentKey, created.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(StudentKey, created.Info.ToString(), StringComparison.Ordinal);
        AssertNoSecretInLogs();
    }

    [Fact]
    public async Task Create_without_limit_reset_or_expiry_sends_nulls_and_no_expiry()
    {
        Server.Enqueue(KeyApiResponses.Created(StudentKey, "hash-2"));

        await Keys.CreateAsync(new OpenRouterKeyCreate("Ünïcödé name", null, OpenRouterLimitReset.Never, null), Ct);

        Assert.Equal("""{"name":"Ünïcödé name","limit":null,"limit_reset":null}""", Encoding.UTF8.GetString(Server.Received[0].Body));
    }

    [Fact]
    public async Task A_created_answer_without_the_key_is_deleted_again_and_reported()
    {
        Server.Enqueue(
            Infrastructure.ScriptedResponse.JsonText(201, $"{{\"data\":{KeyApiResponses.KeyJson("hash-orphan")}}}"),
            KeyApiResponses.Deleted());

        var ex = await Assert.ThrowsAsync<OpenRouterKeyApiException>(() =>
            Keys.CreateAsync(new OpenRouterKeyCreate("n", 1m, OpenRouterLimitReset.Never, null), Ct));

        Assert.Equal(OpenRouterKeyApiError.Unexpected, ex.Error);
        Assert.Equal(("DELETE", "/api/v1/keys/hash-orphan"), (Server.Received[1].Method, Server.Received[1].PathAndQuery));
    }

    [Fact]
    public async Task List_reads_every_page_until_an_empty_one_including_disabled_keys()
    {
        Server.Enqueue(
            KeyApiResponses.Page("h1", "h2"),
            KeyApiResponses.Page("h3", "h4"),
            KeyApiResponses.Page("h5"),
            KeyApiResponses.Page());

        var keys = new List<OpenRouterKeyInfo>();
        await foreach (var key in Keys.ListAllAsync(Ct))
        {
            keys.Add(key);
        }

        Assert.Equal(["h1", "h2", "h3", "h4", "h5"], keys.Select(k => k.Hash));
        Assert.Equal(
            ["/api/v1/keys?include_disabled=true&offset=0", "/api/v1/keys?include_disabled=true&offset=2",
             "/api/v1/keys?include_disabled=true&offset=4", "/api/v1/keys?include_disabled=true&offset=5"],
            Server.Received.Select(r => r.PathAndQuery));
        Assert.All(Server.Received, r => Assert.Equal($"Bearer {ManagementKey}", r.Header("Authorization")));
        var first = keys[0];
        Assert.Equal(("Grimoire LING-210 alex@uni.test", false, 10m, 8.75m, 1.25m, 0.5m),
            (first.Name, first.Disabled, first.Limit, first.LimitRemaining, first.Usage, first.UsageDaily));
    }

    [Fact]
    public async Task List_stops_when_the_server_ignores_the_offset()
    {
        Server.Enqueue(KeyApiResponses.Page("h1", "h2"), KeyApiResponses.Page("h1", "h2"));

        var keys = new List<string>();
        await foreach (var key in Keys.ListAllAsync(Ct))
        {
            keys.Add(key.Hash);
        }

        Assert.Equal(["h1", "h2"], keys);
        Assert.Equal(2, Server.Received.Count);
    }

    [Fact]
    public async Task One_page_can_be_read_at_an_offset()
    {
        Server.Enqueue(KeyApiResponses.Page("h7", "h8"));

        var page = await Keys.ListPageAsync(6, Ct);

        Assert.Equal((6, 8), (page.Offset, page.NextOffset));
        Assert.Equal("/api/v1/keys?include_disabled=true&offset=6", Server.Received[0].PathAndQuery);
    }

    [Fact]
    public async Task Get_reads_one_key_and_a_missing_key_is_null()
    {
        Server.Enqueue(KeyApiResponses.One("h1", disabled: true), KeyApiResponses.Error(404, "Not found"));

        var found = await Keys.GetAsync("h1", Ct);
        var missing = await Keys.GetAsync("gone", Ct);

        Assert.True(found!.Disabled);
        Assert.Null(missing);
        Assert.Equal(["/api/v1/keys/h1", "/api/v1/keys/gone"], Server.Received.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Update_patches_only_what_changes()
    {
        Server.Enqueue(KeyApiResponses.One("h1", disabled: true), KeyApiResponses.One("h1"), KeyApiResponses.One("h1"));

        var disabled = await Keys.UpdateAsync("h1", new OpenRouterKeyUpdate { Disabled = true }, Ct);
        await Keys.UpdateAsync("h1", new OpenRouterKeyUpdate { Budget = new OpenRouterBudget(20m, OpenRouterLimitReset.Monthly) }, Ct);
        await Keys.UpdateAsync("h1", new OpenRouterKeyUpdate { Name = "renamed", Disabled = false, Budget = new OpenRouterBudget(null, OpenRouterLimitReset.Never) }, Ct);

        Assert.True(disabled.Disabled);
        Assert.All(Server.Received, r => Assert.Equal(("PATCH", "/api/v1/keys/h1"), (r.Method, r.PathAndQuery)));
        Assert.Equal(
            ["""{"disabled":true}""", """{"limit":20,"limit_reset":"monthly"}""", """{"name":"renamed","disabled":false,"limit":null,"limit_reset":null}"""],
            Server.Received.Select(r => Encoding.UTF8.GetString(r.Body)));
    }

    [Fact]
    public async Task Delete_revokes_and_deleting_a_missing_key_is_not_an_error()
    {
        Server.Enqueue(KeyApiResponses.Deleted(), KeyApiResponses.Error(404, "Not found"));

        Assert.True(await Keys.DeleteAsync("h/1", Ct));
        Assert.False(await Keys.DeleteAsync("h1", Ct));

        Assert.Equal(("DELETE", "/api/v1/keys/h%2F1"), (Server.Received[0].Method, Server.Received[0].PathAndQuery));
        AssertNoSecretInLogs();
    }
}
