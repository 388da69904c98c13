using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Tests.Keys;

/// <summary>
/// A stateful OpenRouter on a loopback Kestrel port, speaking the documented wire format: the key-management API
/// (<c>/api/v1/keys</c>, management key required, paged listing) and a minimal streaming chat endpoint that accepts
/// only live keys it minted and records which key each chat call used.
/// </summary>
public sealed class FakeOpenRouter : IAsyncDisposable
{
    public const string ManagementKey = "sk-or-v1-MGMT-core-tests-5e5e5e5e-do-not-leak";

    public const string Reply = "Hello from the fake OpenRouter.";

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<FakeKey> keys = [];
    private readonly List<string> chatKeys = [];
    private readonly List<string> calls = [];

    private FakeOpenRouter(WebApplication app)
    {
        this.app = app;
        app.Run(HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Keys per listing page (small, so listings span several pages).</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>Creating a key whose name contains one of these answers 500.</summary>
    public HashSet<string> FailCreateFor { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every key creation waits at this gate before it is minted (a class run then moves step by step).</summary>
    public StepGate? CreateGate { get; set; }

    /// <summary>The hash the next minted key gets, instead of the SHA-256 of the key.</summary>
    public string? NextHash { get; set; }

    /// <summary>"METHOD /path?query" of every call, in order.</summary>
    public IReadOnlyList<string> Calls { get { lock (gate) { return [.. calls]; } } }

    /// <summary>The plain key each chat call authenticated with, in order.</summary>
    public IReadOnlyList<string> ChatKeys { get { lock (gate) { return [.. chatKeys]; } } }

    public IReadOnlyList<FakeKey> Keys { get { lock (gate) { return [.. keys]; } } }

    public IReadOnlyList<FakeKey> LiveKeys { get { lock (gate) { return [.. keys.Where(k => !k.Deleted)]; } } }

    public FakeKey Key(string hash) { lock (gate) { return keys.Single(k => k.Hash == hash); } }

    public static async Task<FakeOpenRouter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var server = new FakeOpenRouter(builder.Build());
        await server.app.StartAsync();
        server.BaseUrl = new Uri(server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>Points the host under test at this server, with the management key.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Grimoire:Providers:OpenRouter:BaseUrl"] = BaseUrl.ToString();
        settings["Grimoire:Providers:OpenRouter:ManagementKey"] = ManagementKey;
        settings["Grimoire:Providers:Retry:DefaultDelay"] = "00:00:00";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var bearer = request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : "";
        lock (gate)
        {
            calls.Add($"{request.Method} {path}{request.QueryString}");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        using var body = JsonDocument.Parse(buffer.Length == 0 ? "{}"u8.ToArray() : buffer.ToArray());
        if (path == "/api/v1/chat/completions" && request.Method == "POST")
        {
            await ChatAsync(context, bearer);
            return;
        }

        if (!path.StartsWith("/api/v1/keys", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404, "Not found");
            return;
        }

        if (bearer != ManagementKey)
        {
            await ErrorAsync(context, 401, "Invalid management key");
            return;
        }

        var hash = path.Length > "/api/v1/keys/".Length ? Uri.UnescapeDataString(path["/api/v1/keys/".Length..]) : null;
        switch (request.Method, hash)
        {
            case ("POST", null):
                await CreateAsync(context, body.RootElement);
                break;
            case ("GET", null):
                var offset = int.Parse(request.Query["offset"].FirstOrDefault() ?? "0", CultureInfo.InvariantCulture);
                var includeDisabled = request.Query["include_disabled"] == "true";
                List<FakeKey> page;
                lock (gate)
                {
                    page = [.. keys.Where(k => !k.Deleted && (includeDisabled || !k.Disabled)).Skip(offset).Take(PageSize)];
                }

                await JsonAsync(context, 200, new { data = page.Select(k => k.Wire()) });
                break;
            case (_, { } h) when Find(h) is not { } key:
                await ErrorAsync(context, 404, "API key not found");
                break;
            case ("GET", { } h):
                await JsonAsync(context, 200, new { data = Find(h)!.Wire() });
                break;
            case ("PATCH", { } h):
                var found = Find(h)!;
                Update(found, body.RootElement);
                await JsonAsync(context, 200, new { data = found.Wire() });
                break;
            case ("DELETE", { } h):
                Find(h)!.Deleted = true;
                await JsonAsync(context, 200, new { deleted = true });
                break;
            default:
                await ErrorAsync(context, 405, "Method not allowed");
                break;
        }
    }

    private FakeKey? Find(string hash)
    {
        lock (gate)
        {
            return keys.FirstOrDefault(k => k.Hash == hash && !k.Deleted);
        }
    }

    private async Task CreateAsync(HttpContext context, JsonElement body)
    {
        if (CreateGate is { } held)
        {
            await held.PassAsync(context.RequestAborted);
        }

        var name = body.GetProperty("name").GetString()!;
        if (FailCreateFor.Any(f => name.Contains(f, StringComparison.Ordinal)))
        {
            await ErrorAsync(context, 500, "Internal Server Error");
            return;
        }

        var plain = "sk-or-v1-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        FakeKey key;
        lock (gate)
        {
            key = new FakeKey(NextHash ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plain))), plain, name)
            {
                Limit = body.TryGetProperty("limit", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetDecimal() : null,
                LimitReset = body.TryGetProperty("limit_reset", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
                ExpiresAt = body.TryGetProperty("expires_at", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
            };
            NextHash = null;
            keys.Add(key);
        }

        await JsonAsync(context, 201, new { key = plain, data = key.Wire() });
    }

    private static void Update(FakeKey key, JsonElement body)
    {
        if (body.TryGetProperty("disabled", out var d))
        {
            key.Disabled = d.GetBoolean();
        }

        if (body.TryGetProperty("limit", out var l))
        {
            key.Limit = l.ValueKind == JsonValueKind.Number ? l.GetDecimal() : null;
        }

        if (body.TryGetProperty("limit_reset", out var r))
        {
            key.LimitReset = r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        }
    }

    private async Task ChatAsync(HttpContext context, string bearer)
    {
        lock (gate)
        {
            chatKeys.Add(bearer);
        }

        var live = LiveKeys.Any(k => k.Plain == bearer && !k.Disabled);
        if (!live)
        {
            await ErrorAsync(context, 401, "User not found.");
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Generation-Id"] = "gen-fake-1";
        const string chunk = """{"id":"gen-fake-1","object":"chat.completion.chunk","model":"openai/gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello from the fake OpenRouter."},"finish_reason":null}]}""";
        const string last = """{"id":"gen-fake-1","object":"chat.completion.chunk","model":"openai/gpt-4o-mini","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,"cost":0.0000123}}""";
        await context.Response.WriteAsync($": OPENROUTER PROCESSING\n\ndata: {chunk}\n\ndata: {last}\n\ndata: [DONE]\n\n");
    }

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        JsonAsync(context, status, new { error = new { code = status, message } });

    private static async Task JsonAsync(HttpContext context, int status, object value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(value));
    }
}

/// <summary>A key the fake minted: its plain value (for asserting which key a call used), state and usage.</summary>
public sealed class FakeKey(string hash, string plain, string name)
{
    public string Hash { get; } = hash;

    public string Plain { get; } = plain;

    public string Name { get; } = name;

    public decimal? Limit { get; set; }

    public string? LimitReset { get; set; }

    public string? ExpiresAt { get; set; }

    public bool Disabled { get; set; }

    public bool Deleted { get; set; }

    public decimal Usage { get; set; }

    public override string ToString() => $"FakeKey {{ Hash = {Hash}, Name = {Name} }}";

    internal object Wire() => new Dictionary<string, object?>
    {
        ["hash"] = Hash,
        ["name"] = Name,
        ["label"] = Plain[..12] + "..." + Plain[^4..],
        ["disabled"] = Disabled,
        ["limit"] = Limit,
        ["limit_remaining"] = Limit - Usage,
        ["limit_reset"] = LimitReset,
        ["include_byok_in_limit"] = false,
        ["usage"] = Usage,
        ["usage_daily"] = Usage / 4,
        ["usage_weekly"] = Usage / 2,
        ["usage_monthly"] = Usage,
        ["created_at"] = "2026-11-25T10:30:00Z",
        ["updated_at"] = null,
        ["expires_at"] = ExpiresAt,
    };
}
