using Grimoire.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grimoire.Cli;

/// <summary>
/// The same configuration and services as the web host (appsettings.json, appsettings.{Environment}.json,
/// <c>Grimoire__…</c> environment variables), without the web server.
/// </summary>
internal static class CliHost
{
    public static IHost Build()
    {
        // Content root (where a relative data folder resolves) is the current directory; settings files sit
        // beside the executable. `dotnet run` starts in src/Grimoire.Web, so the embedded default is shared.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .AddJsonFile($"appsettings.{builder.Environment.EnvironmentName}.json", optional: true)
            .AddEnvironmentVariables();
        builder.Services.AddGrimoireCore(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Runs <paramref name="work"/> with a host, turning bad configuration into one line per setting.</summary>
    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            using var host = Build();
            // Options are validated when first resolved; resolve them all up front so the message comes first.
            _ = host.Services.GetRequiredService<IOptions<Core.Data.DatabaseOptions>>().Value;
            await using var scope = host.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures.Distinct())
            {
                await Console.Error.WriteLineAsync($"grimoire: {failure}");
            }

            return 2;
        }
    }
}
