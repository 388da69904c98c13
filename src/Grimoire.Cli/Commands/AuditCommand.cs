using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Grimoire.Core.Audit;
using Grimoire.Core.Audit.Anchors;
using Grimoire.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grimoire.Cli.Commands;

/// <summary>
/// <c>grimoire audit verify [dir]</c> and <c>grimoire audit export --course CODE …</c>: the archive's operator
/// commands. Both only read the files, so they run beside a live web host.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", $"Check or export the tamper-evident archive of provider calls and edits ({AuditOptions.Section}).");
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Command Verify()
    {
        var dir = new Argument<string?>("dir") { Description = $"Archive folder (default: {AuditOptions.Section}:Directory)", Arity = ArgumentArity.ZeroOrOne };
        var filesOnly = new Option<bool>("--files-only")
        {
            Description = "Check the files alone, without the database's anchors (e.g. a copy of the archive): records cut from the end of a chain, or a chain rewritten to its end, then go unseen",
        };
        var command = new Command(
            "verify",
            "Check every node's hash chain from its first record to its last, and against the database's anchors; exit 1 naming the first broken record.")
        {
            dir, filesOnly,
        };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            var directory = parse.GetValue(dir) is { Length: > 0 } given ? Path.GetFullPath(given) : ArchiveDirectory(services);
            var anchored = !parse.GetValue(filesOnly);
            AuditVerification result;
            try
            {
                result = anchored
                    ? await services.GetRequiredService<AnchoredAuditVerifier>().VerifyAsync(directory, ct)
                    : await AuditVerifier.VerifyAsync(directory, ct);
            }
            catch (DirectoryNotFoundException ex)
            {
                await Console.Error.WriteLineAsync($"grimoire: {ex.Message}");
                return 1;
            }
            catch (DbException ex)
            {
                await Console.Error.WriteLineAsync(
                    $"grimoire: the anchors could not be read from the database in {DatabaseOptions.Section}:ConnectionString ({ex.Message}); "
                    + "run with --files-only to check the files alone.");
                return 1;
            }

            if (result.Chains.Count == 0)
            {
                await Console.Error.WriteLineAsync($"grimoire: there are no archive files (audit.*.jsonl) in {directory}.");
                return 1;
            }

            await AuditVerifyReport.WriteAsync(result, anchored, Console.Out, Console.Error);
            return result.IsIntact ? 0 : 1;
        }, cancellationToken));
        return command;
    }

    private static Command Export()
    {
        var course = new Option<string>("--course") { Description = "Course code, e.g. LING-210", Required = true };
        var from = DateOption("--from", "First day to include (yyyy-mm-dd, UTC)");
        var to = DateOption("--to", "Last day to include (yyyy-mm-dd, UTC)");
        var student = new Option<string?>("--student") { Description = "Only this person's records (e-mail address)" };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var dir = new Option<string?>("--dir") { Description = $"Archive folder (default: {AuditOptions.Section}:Directory)" };
        var command = new Command("export", "Write the archive records of a course as JSONL, each line exactly as archived.")
        {
            course, from, to, student, output, dir,
        };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            var query = new AuditExportQuery(parse.GetValue(course)!, parse.GetValue(from), parse.GetValue(to), parse.GetValue(student), parse.GetValue(dir));
            var exporter = services.GetRequiredService<AuditExporter>();
            var path = parse.GetValue(output);
            try
            {
                var result = path is null ? await ToStandardOutputAsync(exporter, query, ct) : await ToFileAsync(exporter, query, Path.GetFullPath(path), ct);
                var summary = $"Exported {result.Exported:N0} of {result.Read:N0} archived record(s){(path is null ? "" : $" to {path}")}.";
                await (path is null ? Console.Error : Console.Out).WriteLineAsync(summary);
                if (result.Unreadable.Count > 0)
                {
                    await Console.Error.WriteLineAsync(
                        $"grimoire: {result.Unreadable.Count} line(s) are not readable records and were left out ({string.Join(", ", result.Unreadable.Take(5))}"
                        + $"{(result.Unreadable.Count > 5 ? ", …" : "")}); run `grimoire audit verify`.");
                }

                return 0;
            }
            catch (AuditExportException ex)
            {
                await Console.Error.WriteLineAsync($"grimoire: {ex.Message}");
                return 1;
            }
        }, cancellationToken));
        return command;
    }

    private static async Task<AuditExportResult> ToStandardOutputAsync(AuditExporter exporter, AuditExportQuery query, CancellationToken cancellationToken)
    {
        await using var stdout = Console.OpenStandardOutput();
        return await exporter.ExportAsync(query, stdout, cancellationToken);
    }

    /// <summary>Writes beside the target and moves it into place, so a failed export leaves no half file.</summary>
    private static async Task<AuditExportResult> ToFileAsync(AuditExporter exporter, AuditExportQuery query, string path, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        try
        {
            AuditExportResult result;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                result = await exporter.ExportAsync(query, file, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static string ArchiveDirectory(IServiceProvider services) => services.GetRequiredService<IOptions<AuditOptions>>().Value.Directory;

    private static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"{name} must be a date written yyyy-mm-dd; '{text}' is not.");
            return null;
        },
    };
}
