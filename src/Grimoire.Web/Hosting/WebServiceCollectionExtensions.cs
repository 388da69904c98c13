using Grimoire.Core;
using Grimoire.Core.Data;
using Grimoire.Core.Hosting;
using Grimoire.Core.Playground;
using Microsoft.AspNetCore.DataProtection;
using Grimoire.Web.Hosting.DemoOpenRouter;
using Grimoire.Web.Hosting.Telemetry;
using Grimoire.Web.Security;
using Grimoire.Web.Security.Http;
using Grimoire.Web.Features.Playground.Session;
using Grimoire.Web.Refusals;
using Grimoire.Web.Rendering;
using MudBlazor.Services;

namespace Grimoire.Web.Hosting;

internal static class WebServiceCollectionExtensions
{
    /// <summary>Everything the web host needs; Program.cs stays a table of contents.</summary>
    public static WebApplicationBuilder AddGrimoireWeb(this WebApplicationBuilder builder)
    {
        // Serve package assets (MudBlazor, blazor.web.js) from the build output in every environment, not only
        // Development: the Demo environment runs unpublished too. A published app has no manifest and skips this.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddGrimoireCore(builder.Configuration);
        // The archive starts first (the start-up sweep of interrupted answers appends to it) and stops last (after TurnShutdown).
        builder.Services.AddHostedService<Core.Audit.AuditArchiveService>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.AddSimulatedOpenRouter(); // after DatabaseStartup; demo setting without a real OpenRouter: Hosting/DemoOpenRouter
        builder.AddGrimoireAuthentication();
        builder.AddGrimoireHttpSecurity();

        // The circuit takes a message as long as the longest text the playground allows (issue 17 item 7): SignalR's
        // 32 KB default dropped the connection, and the text with it. Longer text is stopped in the browser.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(hub => hub.MaximumReceiveMessageSize =
            (builder.Configuration.GetSection(PlaygroundOptions.Section).Get<PlaygroundOptions>() ?? new PlaygroundOptions()).CircuitReceiveBytes);
        builder.Services.AddMudServices();
        builder.Services.AddGrimoireRendering();
        builder.Services.AddRefusals();
        builder.Services.AddPlaygroundState();
        builder.Services.AddHostedService<TurnShutdown>();
        builder.Services.AddHostedService<CourseJobHost>(); // after DatabaseStartup: sweeps jobs a crash left running
        builder.Services.AddHostedService<Core.Attachments.AttachmentCleanupService>(); // files uploaded but never sent (issue 10)
        builder.Services.AddHealthChecks().AddDbContextCheck<GrimoireDbContext>("database");
        builder.Services.AddProblemDetails();
        builder.AddGrimoireTelemetry(); // Hosting/Telemetry: metrics on /metrics in the demo setting, OTLP when configured

        // Sign-in cookies survive restarts; on several nodes point the data folder's keys at shared storage.
        var dataDirectory = Path.GetFullPath(
            builder.Configuration[$"{GrimoireOptions.Section}:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);
        builder.Services.AddDataProtection()
            .SetApplicationName("Grimoire")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        return builder;
    }
}
