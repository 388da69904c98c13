using Grimoire.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The real host on a real Kestrel port, driven by Debian's headless Chromium through Playwright.
/// One per test class: its own database, its own browser.
/// </summary>
public class BrowserApp : IAsyncLifetime, IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// How long a test waits for an answer to finish before it fails. Generous, because CI shares two cores with other
    /// work and an answer can take many times longer than on an idle machine; it bounds a failing test, never measures.
    /// </summary>
    public const int AnswerTimeoutMs = 120_000;

    /// <summary>The same bound for any other wait on the page (an element, a navigation, an action's target).</summary>
    public const int PageTimeoutMs = 60_000;

    private readonly GrimoireAppFactory factory;

    public BrowserApp()
        : this(new Dictionary<string, string?>(), null)
    {
    }

    protected BrowserApp(Dictionary<string, string?> settings, Action<IServiceCollection>? replaceServices)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Slow enough that a person (or a test) can watch, stop and reload mid-answer.
        settings.TryAdd("Grimoire:Providers:Simulated:DelayMs", "40");
        factory = new GrimoireAppFactory(settings: settings, replaceServices: replaceServices);
    }

    /// <summary>The host's services, e.g. to add a course model before a test.</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>The host's data folder (SQLite database, audit archive, data-protection keys), removed on dispose.</summary>
    public string DataDirectory => factory.DataDirectory;

    private IPlaywright? playwright;
    private IBrowser? browser;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");

    public virtual async Task InitializeAsync()
    {
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh, which installs Debian's chromium.");
        }

        // Playwright's assertions wait for the page; on a loaded 2-core CI machine a circuit can take longer than
        // the 5 s default to come up. This bounds a failing test only: nothing here measures speed.
        Assertions.SetDefaultExpectTimeout(PageTimeoutMs);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keeps Chromium off a network this machine does not have. A page
            // served through a route (TrafficRecorder) has no address, so Chromium's local-network checks would count it
            // as public and block its WebSocket to 127.0.0.1: off, since every page here comes from loopback anyway.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets"],
        });
    }

    /// <summary>A fresh browser context (no cookies) with a page that records console errors.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> ConsoleErrors)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(PageTimeoutMs);
        context.SetDefaultNavigationTimeout(PageTimeoutMs);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.Contains("/account/access-denied", StringComparison.Ordinal))
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };
        return (context, page, errors);
    }

    public virtual async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await factory.DisposeAsync();
    }

    public void Dispose()
    {
        factory.Dispose();
        GC.SuppressFinalize(this);
    }
}
