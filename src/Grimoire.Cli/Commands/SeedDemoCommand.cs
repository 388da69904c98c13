using System.CommandLine;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands;

internal static class SeedDemoCommand
{
    public static Command Create()
    {
        var command = new Command("seed-demo", $"Migrate, then seed the demo course {DemoData.CourseCode} if the database has no users.");
        command.SetAction((_, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var seeded = await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(ct);
            Console.WriteLine(seeded
                ? $"Seeded {DemoData.CourseCode}: sign in as any of {string.Join(", ", DemoData.Users.Select(u => u.Email))}."
                : "The database already has users; nothing seeded.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
