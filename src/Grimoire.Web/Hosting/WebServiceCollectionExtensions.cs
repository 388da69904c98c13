using Grimoire.Core;
using Grimoire.Core.Data;
using Grimoire.Core.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Grimoire.Web.Security;
using Grimoire.Web.Security.Http;
using Grimoire.Web.Features.Playground.Session;
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
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHostedService<Core.Audit.AuditArchiveService>(); // before TurnShutdown: starts first, stops after it
        builder.AddGrimoireAuthentication();
        builder.AddGrimoireHttpSecurity();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddGrimoireRendering();
        builder.Services.AddScoped<PlaygroundSession>();
        builder.Services.AddHostedService<TurnShutdown>();
        builder.Services.AddHealthChecks().AddDbContextCheck<GrimoireDbContext>("database");
        builder.Services.AddProblemDetails();

        // Sign-in cookies survive restarts; on several nodes point the data folder's keys at shared storage.
        var dataDirectory = Path.GetFullPath(
            builder.Configuration[$"{GrimoireOptions.Section}:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);
        builder.Services.AddDataProtection()
            .SetApplicationName("Grimoire")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        return builder;
    }
}
