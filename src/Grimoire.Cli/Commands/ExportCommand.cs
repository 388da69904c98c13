using System.CommandLine;
using Grimoire.Core.Annotation.Exports;
using Grimoire.Core.Annotation.Pdf;
using Grimoire.Core.Annotation.Snapshot;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands;

/// <summary>
/// <c>grimoire export conversation ID [--format md|json|pdf] [--output FILE]</c>: a conversation as Markdown, JSON (X8,
/// <c>grimoire.conversation/v1</c>) or PDF (printed with Chromium, <c>Grimoire:Pdf</c>) on standard output or to a
/// file, read as the operator.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Readable exports (docs/exports.md).");
        var id = new Argument<Guid>("id") { Description = "The conversation's id" };
        var format = new Option<string>("--format") { Description = "md, json or pdf", DefaultValueFactory = _ => "md" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var conversation = new Command("conversation", "Write one conversation as Markdown, JSON or PDF.") { id, format, output };
        conversation.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            if (!ConversationExports.TryParseFormat(parse.GetValue(format), out var parsed))
            {
                await Console.Error.WriteLineAsync("grimoire: --format is md, json or pdf.");
                return 2;
            }

            var record = await services.GetRequiredService<ConversationRecords>().ReadAsync(parse.GetValue(id), ct);
            if (record is null)
            {
                await Console.Error.WriteLineAsync("grimoire: no conversation has that id.");
                return 1;
            }

            ExportFile file;
            try
            {
                file = await services.GetRequiredService<ConversationExports>().ConversationAsync(record, parsed, ct);
            }
            catch (PdfPrintFailedException ex)
            {
                await Console.Error.WriteLineAsync("grimoire: " + ex.Message);
                return 1;
            }

            if (parse.GetValue(output) is { } target)
            {
                await File.WriteAllBytesAsync(target.FullName, file.Bytes, ct);
                await Console.Error.WriteLineAsync($"grimoire: wrote {file.Bytes.Length} bytes to {target.FullName}");
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(file.Bytes, ct);
            }

            return 0;
        }, cancellationToken));
        command.Subcommands.Add(conversation);
        return command;
    }
}
