using System.Net;
using System.Text.RegularExpressions;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Llm;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Tests.Hosting.Telemetry;

/// <summary>
/// Issue 16 item 4: in the demo setting <c>/metrics</c> shows, after one chat through the playground's own services,
/// the turn, token, cost and latency metrics labelled by model — and never a person's, conversation's or key's id.
/// Off, the path is an ordinary 404.
/// </summary>
public sealed partial class MetricsEndpointTests
{
    private const string Model = "simulated/thinker";
    private const string Question = "What is recursion? (telemetry check 4471)";

    [Fact]
    public async Task After_one_chat_the_demo_metrics_show_turns_tokens_cost_and_latency_by_model_and_no_ids()
    {
        using var factory = new GrimoireAppFactory(settings: new Dictionary<string, string?> { ["Grimoire:Providers:Simulated:DelayMs"] = "0" });
        using var http = factory.CreateClient();
        var ct = CancellationToken.None;
        var services = factory.Services;
        var (student, conversation, answerId, modelConfigId) = await ChatOnceAsync(services, ct);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", ct)).StatusCode); // a finished request for the platform's metrics
        var response = await http.GetAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(ct);

        // Each metric, for the model that answered (labels: provider, model, status only).
        Assert.Equal(1, Value(text, "grimoire_llm_turns_started_total"));
        Assert.Equal(1, Value(text, "grimoire_llm_turns_finished_total", "status=\"complete\""));
        Assert.True(Value(text, "grimoire_llm_tokens_input_total") > 0, text);
        Assert.True(Value(text, "grimoire_llm_tokens_output_total") > 0, text);
        Assert.True(Value(text, "grimoire_llm_tokens_thinking_total") > 0, text);
        Assert.True(Value(text, "grimoire_llm_cost_usd_total") > 0, text);
        Assert.Equal(1, Value(text, "grimoire_llm_time_to_first_token_seconds_count"));
        Assert.Equal(1, Value(text, "grimoire_llm_turn_duration_seconds_count", "status=\"complete\""));
        Assert.Equal(0, Value(text, "grimoire_llm_streams_in_flight"));
        Assert.Matches(@"(?m)^grimoire_audit_append_duration_seconds_count\{[^}]*status=""ok""[^}]*\} [1-9]", text);
        // The platform's own instrumentation is there too.
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);

        // Never an id of a person, a conversation, a message or a model row; never a key or a message's text.
        foreach (var id in new[] { student, conversation, answerId, modelConfigId })
        {
            Assert.DoesNotContain(id.ToString("D"), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString("N"), text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("@" + DemoData.Domain, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4471", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-", text, StringComparison.Ordinal);
        var managementKey = services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value.OpenRouter.ManagementKey;
        if (!string.IsNullOrEmpty(managementKey))
        {
            Assert.DoesNotContain(managementKey, text, StringComparison.Ordinal);
        }

        foreach (Match label in LabelName().Matches(text))
        {
            if (label.Groups[1].Value == "aspnetcore_user_is_authenticated")
            {
                continue; // ASP.NET Core's own yes/no label (present once an authenticated request was counted), never an id
            }

            Assert.DoesNotContain("user", label.Groups[1].Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("conversation", label.Groups[1].Value, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Metrics_are_a_404_when_turned_off()
    {
        using var factory = new GrimoireAppFactory(settings: new Dictionary<string, string?> { ["Grimoire:Telemetry:Prometheus"] = "false" });
        using var http = factory.CreateClient();

        var response = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("grimoire_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Alex asks the simulated thinker one question with thinking on and waits until the answer is final.</summary>
    private static async Task<(Guid Student, Guid Conversation, Guid Answer, Guid ModelConfig)> ChatOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>();
        Guid studentId, courseId, modelId;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            studentId = await db.Users.Where(u => u.Email == "alex@" + DemoData.Domain).Select(u => u.Id).SingleAsync(ct);
            courseId = await db.Courses.Where(c => c.Code == DemoData.CourseCode).Select(c => c.Id).SingleAsync(ct);
            modelId = await db.CourseModelConfigs.Where(m => m.CourseId == courseId && m.ModelId == Model).Select(m => m.Id).SingleAsync(ct);
        }

        var conversation = await services.GetRequiredService<ConversationStore>().CreateAsync(studentId, courseId, ct);
        var start = await services.GetRequiredService<TurnRunner>().StartAsync(
            studentId, conversation.Id, Question, "Be brief.", new TurnSettings(modelId, null, 4096, ThinkingEnabled: true, ThinkingBudget: 2048), ct);

        // Wait for the state (the answer's final write), never for a time; the provider metrics are recorded before it.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var status = await db.PlaygroundMessages.Where(m => m.Id == start.AssistantMessageId).Select(m => m.Status).SingleAsync(ct);
            if (status != MessageStatus.Streaming)
            {
                Assert.Equal(MessageStatus.Complete, status);
                break;
            }

            await Task.Delay(20, patience.Token);
        }

        return (studentId, conversation.Id, start.AssistantMessageId, modelId);
    }

    /// <summary>The sample of <paramref name="metric"/> for the thinker (and <paramref name="label"/>), summed over its series.</summary>
    private static double Value(string text, string metric, string? label = null)
    {
        var samples = text.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal))
            .Where(l => l.Contains($"model=\"{Model}\"", StringComparison.Ordinal) && l.Contains("provider=\"simulated\"", StringComparison.Ordinal))
            .Where(l => label is null || l.Contains(label, StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0])
            .ToList();
        Assert.True(samples.Count > 0, $"No {metric} sample for {Model} in:\n{text}");
        return samples.Sum(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"[{,]([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
