using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grimoire.Web.Tests.Infrastructure;

/// <summary>
/// The real web host (Program.cs, every registration) on its own SQLite database in a temp folder, in the
/// <c>Demo</c> environment unless told otherwise. Settings are applied before Program reads them.
/// </summary>
public sealed class GrimoireAppFactory : WebApplicationFactory<Program>
{
    private readonly string environment;
    private readonly Dictionary<string, string?> settings;

    public GrimoireAppFactory(string environment = "Demo", IDictionary<string, string?>? settings = null)
    {
        this.environment = environment;
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
