using System.CommandLine;
using System.Security.Cryptography;
using Grimoire.OpenRouterStandIn;
using StandInServer = Grimoire.OpenRouterStandIn.OpenRouterStandIn;

namespace Grimoire.Cli.Commands;

/// <summary>
/// <c>grimoire openrouter-standin [--port 5077] [--management-key K]</c>: runs the local OpenRouter stand-in until
/// Ctrl+C and prints the settings that point the web app at it. Needs no database, network or OpenRouter account.
/// </summary>
internal static class OpenRouterStandInCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Loopback port to listen on (0 picks a free one).",
            DefaultValueFactory = _ => 5077,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65_535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        var managementKey = new Option<string?>("--management-key")
        {
            Description = "The management key the stand-in accepts (and the web app must send). Default: a random one, printed.",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "Also accept this key for chat, with no budget (for `grimoire chat --provider openrouter --base-url …`).",
        };
        var pace = new Option<int>("--pace-ms")
        {
            Description = "Milliseconds between streamed chunks.",
            DefaultValueFactory = _ => 30,
        };
        var command = new Command(
            "openrouter-standin",
            "Run a local stand-in for OpenRouter (model catalogue, key management, streaming chat with canned answers) "
            + "so the instructor track works without an OpenRouter account or network. Runs until Ctrl+C.")
        {
            port,
            managementKey,
            apiKey,
            pace,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = TextWriter.Synchronized(parse.InvocationConfiguration.Output);
            var generated = parse.GetValue(managementKey) is not { Length: > 0 };
            var key = generated ? "standin-mgmt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) : parse.GetValue(managementKey)!;
            var options = new OpenRouterStandInOptions
            {
                ManagementKey = key,
                Port = parse.GetValue(port),
                ServerApiKey = parse.GetValue(apiKey),
                Pace = TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(pace))),
                RequestLog = line => output.WriteLine("  " + line),
            };

            StandInServer server;
            try
            {
                server = await StandInServer.StartAsync(options, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"grimoire: the OpenRouter stand-in could not start: {ex.Message}");
                return 1;
            }

            await using (server)
            {
                await PrintAsync(output, server.BaseUrl, key, generated);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    await output.WriteLineAsync("Stopping the OpenRouter stand-in (its keys and usage live in memory and are gone).");
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task PrintAsync(TextWriter output, Uri baseUrl, string key, bool generated)
    {
        var root = baseUrl.ToString().TrimEnd('/');
        await output.WriteLineAsync($"OpenRouter stand-in listening on {root} (Ctrl+C to stop).");
        await output.WriteLineAsync($"Management key: {key}");
        await output.WriteLineAsync(generated
            ? "  (generated for this run; a stand-in credential that only works against this local server, so printing it is fine)"
            : "  (a stand-in credential that only works against this local server, so printing it is fine)");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Point the web app at it, in another terminal from the repository root:");
        await output.WriteLineAsync($"  export Grimoire__Providers__OpenRouter__BaseUrl={root}");
        await output.WriteLineAsync($"  export Grimoire__Providers__OpenRouter__ManagementKey={ShellWord(key)}");
        await output.WriteLineAsync("  dotnet run --project src/Grimoire.Web");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Answers are canned; the catalogue, keys, budgets, usage and costs behave like OpenRouter's. Keys live in memory.");
        await output.WriteLineAsync("Requests:");
    }

    /// <summary>The value as one POSIX shell word (quoted when it holds anything but plain characters).</summary>
    private static string ShellWord(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
