using System.Text.Json;
using Grimoire.Core;
using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 16 item 1 (AC4.4, X5): the process is killed while an answer streams, then started again on the same data
/// folder. The answer's partial text, checkpointed before the kill, is what the start-up sweep archives
/// (<c>turn_interrupted</c>) and then shows as interrupted; the archive's chains and anchors verify intact, as
/// <c>grimoire audit verify</c> checks them.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Grimoire:Providers:Simulated:DelayMs"] = "150", // a slow answer: many checkpoints before it could end
        ["Grimoire:Demo:SimulatedOpenRouter"] = "false", // the simulated provider only: nothing else to start
    };

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "grimoire-crash-tests", Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserApp.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        Assertions.SetDefaultExpectTimeout(BrowserApp.PageTimeoutMs);
    }

    [Fact]
    public async Task Killed_mid_answer_the_next_start_archives_the_partial_answer_as_interrupted_and_verify_is_intact_AC4_4()
    {
        Guid answerId;
        string partial;
        using (var first = await WebProcess.StartAsync(dataDirectory, Settings))
        {
            var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = first.BaseUrl });
            await using var _ = context;
            var page = await context.NewPageAsync();
            await DemoPages.SignInAsync(page, "alex");
            await DemoPages.PlaygroundReadyAsync(page);
            await DemoPages.PickModelAsync(page, "Simulated Swift");
            var maxTokens = page.Locator("[data-testid=max-tokens]");
            await maxTokens.FillAsync("8000");
            await maxTokens.PressAsync("Tab");
            var input = page.Locator("[data-testid=composer-input]");
            await input.FillAsync("Tell me a very long story");
            await input.PressAsync("Enter");

            answerId = await CheckpointedAnswerAsync(); // the server wrote part of the answer to the database
            await first.KillAsync();
        }

        await using (var offline = Offline())
        {
            var left = await offline.MessageAsync(answerId);
            Assert.Equal(MessageStatus.Streaming, left.Status); // no final write happened: the process was killed
            partial = left.Content;
            Assert.NotEmpty(partial);
            Assert.Empty(offline.Records(AuditKinds.ProviderCall));
        }

        using (await WebProcess.StartAsync(dataDirectory, Settings))
        {
            await using var offline = Offline();
            var marked = await offline.MessageAsync(answerId);
            Assert.Equal((MessageStatus.Interrupted, partial, InterruptedTurnSweepText), (marked.Status, marked.Content, marked.ErrorText));

            var record = Assert.Single(offline.Records(AuditKinds.TurnInterrupted));
            Assert.Equal(answerId, record.GetProperty("ids").GetProperty("messageId").GetGuid());
            var answer = record.GetProperty("data").GetProperty("answer");
            Assert.Equal((partial, "Streaming"), (answer.GetProperty("content").GetString(), answer.GetProperty("status").GetString()));

            var verification = await offline.VerifyAsync(); // what `grimoire audit verify` runs
            Assert.True(verification.IsIntact, verification.FirstProblem?.ToString());
            var chain = Assert.Single(verification.Chains);
            Assert.Equal(chain.LastSequence, chain.AnchoredSequence);
        }
    }

    private const string InterruptedTurnSweepText = Core.Playground.Turns.InterruptedTurnSweep.InterruptedMessage;

    /// <summary>Polls the database (a state, not a time) until the streaming answer has text; returns its id.</summary>
    private async Task<Guid> CheckpointedAnswerAsync()
    {
        await using var offline = Offline();
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(attempt < 1200, "No part of the answer was ever checkpointed.");
            await using var db = await offline.Contexts.CreateDbContextAsync();
            var streaming = await db.PlaygroundMessages.AsNoTracking()
                .Where(m => m.Status == MessageStatus.Streaming && m.Content != "").Select(m => (Guid?)m.Id).SingleOrDefaultAsync();
            if (streaming is { } id)
            {
                return id;
            }

            await Task.Delay(50);
        }
    }

    private OfflineData Offline() => new(dataDirectory);

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>
    /// The data folder read the way the CLI reads it (same settings files, same services, no web server): the
    /// database and the archive with its anchors.
    /// </summary>
    private sealed class OfflineData : IAsyncDisposable
    {
        private readonly IHost host;

        public OfflineData(string dataDirectory)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Demo" });
            builder.Configuration.Sources.Clear();
            builder.Configuration.SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: false)
                .AddJsonFile("appsettings.Demo.json", optional: true)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Grimoire:DataDirectory"] = dataDirectory });
            builder.Services.AddGrimoireCore(builder.Configuration);
            host = builder.Build();
        }

        public IDbContextFactory<GrimoireDbContext> Contexts => host.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>();

        private string ArchiveDirectory => host.Services.GetRequiredService<IOptions<AuditOptions>>().Value.Directory;

        public async Task<PlaygroundMessage> MessageAsync(Guid id)
        {
            await using var db = await Contexts.CreateDbContextAsync();
            return await db.PlaygroundMessages.AsNoTracking().SingleAsync(m => m.Id == id);
        }

        public List<JsonElement> Records(string kind) =>
            [.. Directory.GetFiles(ArchiveDirectory, "audit.*.jsonl").Order(StringComparer.Ordinal)
                .SelectMany(File.ReadAllLines)
                .Where(line => line.Length > 0)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Where(record => record.GetProperty("kind").GetString() == kind)];

        public Task<AuditVerification> VerifyAsync() =>
            host.Services.GetRequiredService<AnchoredAuditVerifier>().VerifyAsync(ArchiveDirectory, CancellationToken.None);

        public ValueTask DisposeAsync()
        {
            host.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
