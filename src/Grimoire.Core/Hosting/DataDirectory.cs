using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Hosting;

/// <summary>The absolute path of the data folder (embedded database, archive, files), created on first use.</summary>
public sealed class DataDirectory
{
    public DataDirectory(IOptions<GrimoireOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        Path = System.IO.Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
    }

    public string Path { get; }

    public string Ensure()
    {
        Directory.CreateDirectory(Path);
        return Path;
    }
}
