using System.CommandLine;
using Grimoire.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply every pending migration to the configured database (Grimoire:Database).");
        command.SetAction((_, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            Console.WriteLine("Database is at the current schema.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
