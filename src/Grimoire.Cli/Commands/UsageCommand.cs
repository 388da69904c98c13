using System.CommandLine;
using System.Data.Common;
using Grimoire.Core.Audit;
using Grimoire.Core.Data;
using Grimoire.Core.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands;

/// <summary>
/// <c>grimoire usage rebuild [--dir]</c>: fills the usage table (X1) from the archive's provider-call records. Safe to
/// repeat and to run beside a live host: calls already in the table are left alone.
/// </summary>
internal static class UsageCommand
{
    public static Command Create()
    {
        var command = new Command("usage", "The usage table behind the course dashboards and spend control.");
        command.Subcommands.Add(Rebuild());
        return command;
    }

    private static Command Rebuild()
    {
        var dir = new Option<string?>("--dir") { Description = $"Archive folder (default: {AuditOptions.Section}:Directory)" };
        var command = new Command(
            "rebuild",
            "Add a usage row for every provider call in the archive that has none (calls made before the table existed); existing rows are kept.")
        {
            dir,
        };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            try
            {
                var result = await services.GetRequiredService<UsageRebuild>().RunAsync(parse.GetValue(dir), ct);
                await Console.Out.WriteLineAsync(
                    $"Read {result.CallRecords:N0} provider call record(s); added {result.Added:N0} usage row(s), {result.CallRecords - result.Added:N0} were already there.");
                if (result.Unreadable.Count > 0)
                {
                    await Console.Error.WriteLineAsync(
                        $"grimoire: {result.Unreadable.Count} line(s) are not readable records and were skipped ({string.Join(", ", result.Unreadable.Take(5))}"
                        + $"{(result.Unreadable.Count > 5 ? ", …" : "")}); run `grimoire audit verify`.");
                }

                return 0;
            }
            catch (DirectoryNotFoundException ex)
            {
                await Console.Error.WriteLineAsync($"grimoire: {ex.Message}");
                return 1;
            }
            catch (DbException ex)
            {
                await Console.Error.WriteLineAsync(
                    $"grimoire: the usage table could not be written in the database of {DatabaseOptions.Section}:ConnectionString ({ex.Message}); run `grimoire migrate` first if the schema is older.");
                return 1;
            }
        }, cancellationToken));
        return command;
    }
}
