using System.CommandLine;
using Grimoire.Core.Lti;
using Grimoire.LtiFakePlatform;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands;

/// <summary>
/// <c>grimoire lti fake-platform [--tool-url http://localhost:5000/] [--port 5078] [--register]</c>: runs a fake LMS
/// until Ctrl+C, prints the values to register it (or registers it), and the page to open to launch Grimoire as one
/// of its people.
/// </summary>
internal static class LtiFakePlatformCommand
{
    public static Command Create()
    {
        var toolUrl = new Option<Uri>("--tool-url")
        {
            Description = "Grimoire's site root as the browser reaches it.",
            DefaultValueFactory = _ => new Uri("http://localhost:5000/"),
        };
        var port = new Option<int>("--port") { Description = "Loopback port (the issuer includes it, so keep it stable).", DefaultValueFactory = _ => 5078 };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65_535)
            {
                result.AddError("--port must be between 1 and 65535.");
            }
        });
        var register = new Option<bool>("--register") { Description = "Register the fake platform in Grimoire's database (once; skipped when it already is)." };
        var command = new Command("fake-platform", "Run a fake LTI 1.3 platform (an LMS course with an instructor, a teaching assistant and two learners) to try a launch locally. Runs until Ctrl+C.")
        {
            toolUrl,
            port,
            register,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tool = parse.GetValue(toolUrl)!;
            tool = tool.AbsoluteUri.EndsWith('/') ? tool : new Uri(tool.AbsoluteUri + "/");
            await using var platform = await FakePlatform.StartAsync(new FakePlatformOptions { Port = parse.GetValue(port), ToolUrl = tool }, cancellationToken);
            Console.WriteLine($"Fake LTI platform at {platform.BaseUrl}");
            Console.WriteLine("Register it (site admin page → LTI, or):");
            Console.WriteLine(
                $"  grimoire lti platform add --name \"Fake LMS\" --issuer {platform.Issuer} --client-id {platform.ClientId} "
                + $"--auth-login-url {platform.AuthLoginUrl} --auth-token-url {platform.AuthTokenUrl} --jwks-url {platform.JwksUrl} --deployment-id {platform.DeploymentId}");
            if (parse.GetValue(register))
            {
                var code = await CliHost.RunAsync(async (services, ct) =>
                {
                    var platforms = services.GetRequiredService<LtiPlatforms>();
                    if ((await platforms.ListAsync(ct)).Any(p => p.Issuer == platform.Issuer && p.ClientId == platform.ClientId))
                    {
                        Console.WriteLine("Already registered.");
                        return 0;
                    }

                    await platforms.AddAsync(
                        new LtiPlatformRegistration("Fake LMS", platform.Issuer, platform.ClientId, platform.AuthLoginUrl, platform.AuthTokenUrl, platform.JwksUrl, [platform.DeploymentId]),
                        ct);
                    Console.WriteLine("Registered.");
                    return 0;
                }, cancellationToken);
                if (code != 0)
                {
                    return code;
                }
            }

            Console.WriteLine($"Open {platform.BaseUrl} and launch as the instructor first (that creates the course), then as a learner. Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }

            return 0;
        });
        return command;
    }
}
