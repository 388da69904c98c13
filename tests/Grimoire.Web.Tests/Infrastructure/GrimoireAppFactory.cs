using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Infrastructure;

/// <summary>
/// The real web host (Program.cs, every registration) on its own SQLite database in a temp folder, in the
/// <c>Demo</c> environment unless told otherwise. Settings are applied before Program reads them.
/// </summary>
public sealed class GrimoireAppFactory : WebApplicationFactory<Program>
{
    private readonly string environment;
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? replaceServices;

    /// <param name="environment">Host environment; "Demo" allows the development sign-in.</param>
    /// <param name="settings">Configuration on top of appsettings (applied before Program reads it).</param>
    /// <param name="replaceServices">Test doubles for the few seams a test must control (never the code under test).</param>
    public GrimoireAppFactory(
        string environment = "Demo", IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        this.environment = environment;
        this.replaceServices = replaceServices;
        DataDirectory = Path.Combine(Path.GetTempPath(), "grimoire-web-tests", Guid.NewGuid().ToString("N"));
        this.settings = new Dictionary<string, string?>
        {
            ["Grimoire:DataDirectory"] = DataDirectory,
            ["Grimoire:SeedDemoData"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (replaceServices is not null)
        {
            builder.ConfigureTestServices(replaceServices);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
