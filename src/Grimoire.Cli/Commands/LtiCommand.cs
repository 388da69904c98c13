using System.CommandLine;
using Grimoire.Core.Lti;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands;

/// <summary>
/// <c>grimoire lti platform add|list|remove</c>, <c>grimoire lti link</c>, <c>grimoire lti rotate-key</c> and
/// <c>grimoire lti fake-platform</c> (issue 15, X9; docs/lti.md).
/// </summary>
internal static class LtiCommand
{
    public static Command Create()
    {
        var command = new Command("lti", "Manage LTI 1.3 platforms (Moodle, Canvas, …) and the tool's signing key; run a fake platform to try a launch.");
        command.Subcommands.Add(PlatformCommand());
        command.Subcommands.Add(LinkCommand());
        command.Subcommands.Add(RotateKeyCommand());
        command.Subcommands.Add(LtiFakePlatformCommand.Create());
        return command;
    }

    private static Command PlatformCommand()
    {
        var name = new Option<string>("--name") { Description = "A label, e.g. \"Moodle\".", Required = true };
        var issuer = new Option<string>("--issuer") { Description = "The platform's issuer (iss), e.g. https://moodle.uni.example.", Required = true };
        var clientId = new Option<string>("--client-id") { Description = "The client id the platform gave the tool.", Required = true };
        var login = new Option<string>("--auth-login-url") { Description = "The platform's authentication request (OIDC authorization) URL.", Required = true };
        var token = new Option<string>("--auth-token-url") { Description = "The platform's access token URL.", Required = true };
        var jwks = new Option<string>("--jwks-url") { Description = "The platform's public keyset URL.", Required = true };
        var deployments = new Option<string[]>("--deployment-id") { Description = "A deployment id (repeat for several).", Required = true, AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Register a platform.") { name, issuer, clientId, login, token, jwks, deployments };
        add.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            try
            {
                var view = await services.GetRequiredService<LtiPlatforms>().AddAsync(
                    new LtiPlatformRegistration(
                        parse.GetValue(name)!, parse.GetValue(issuer)!, parse.GetValue(clientId)!, parse.GetValue(login)!, parse.GetValue(token)!,
                        parse.GetValue(jwks)!, parse.GetValue(deployments) ?? []),
                    ct);
                Console.WriteLine($"Registered platform {view.Id} ({view.Name}): issuer {view.Issuer}, client id {view.ClientId}, deployments {string.Join(", ", view.DeploymentIds)}.");
                return 0;
            }
            catch (LtiRegistrationException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    await Console.Error.WriteLineAsync($"grimoire: {problem}");
                }

                return 1;
            }
        }, cancellationToken));

        var list = new Command("list", "List the registered platforms.");
        list.SetAction((_, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            var platforms = await services.GetRequiredService<LtiPlatforms>().ListAsync(ct);
            if (platforms.Count == 0)
            {
                Console.WriteLine("No LTI platforms are registered.");
            }

            foreach (var p in platforms)
            {
                Console.WriteLine($"{p.Id}  {p.Name}  iss={p.Issuer}  client_id={p.ClientId}  deployments={string.Join(",", p.DeploymentIds)}");
                Console.WriteLine($"    login={p.AuthLoginUrl}  token={p.AuthTokenUrl}  jwks={p.JwksUrl}");
            }

            return 0;
        }, cancellationToken));

        var id = new Argument<Guid>("id") { Description = "The platform's id (from `grimoire lti platform list`)." };
        var remove = new Command("remove", "Remove a platform (its course links go; the courses stay).") { id };
        remove.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            if (await services.GetRequiredService<LtiPlatforms>().RemoveAsync(parse.GetValue(id), ct))
            {
                Console.WriteLine("Removed.");
                return 0;
            }

            await Console.Error.WriteLineAsync($"grimoire: no LTI platform has the id {parse.GetValue(id)}.");
            return 1;
        }, cancellationToken));

        var platform = new Command("platform", "Register, list and remove LTI platforms.");
        platform.Subcommands.Add(add);
        platform.Subcommands.Add(list);
        platform.Subcommands.Add(remove);
        return platform;
    }

    private static Command LinkCommand()
    {
        var platform = new Option<Guid>("--platform") { Description = "The platform's id.", Required = true };
        var context = new Option<string>("--context") { Description = "The LMS course's context id (the launch's context.id).", Required = true };
        var course = new Option<string>("--course") { Description = "The Grimoire course code.", Required = true };
        var link = new Command("link", "Link an LMS course to an existing Grimoire course (instead of creating one on the first instructor launch).") { platform, context, course };
        link.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            try
            {
                var view = await services.GetRequiredService<LtiContextLinks>().LinkAsync(parse.GetValue(platform), parse.GetValue(context)!, parse.GetValue(course)!, ct);
                Console.WriteLine($"Context {view.ContextId} now opens course {view.CourseCode}.");
                return 0;
            }
            catch (LtiRegistrationException ex)
            {
                await Console.Error.WriteLineAsync($"grimoire: {ex.Message}");
                return 1;
            }
        }, cancellationToken));
        return link;
    }

    private static Command RotateKeyCommand()
    {
        var rotate = new Command(
            "rotate-key",
            "Make a new tool signing key (published at /lti/jwks); the previous one stays published for 30 days so platforms' cached key sets keep working.");
        rotate.SetAction((_, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            var kid = await services.GetRequiredService<LtiToolKeys>().RotateAsync(ct);
            Console.WriteLine($"The tool now signs with key {kid}.");
            return 0;
        }, cancellationToken));
        return rotate;
    }
}
