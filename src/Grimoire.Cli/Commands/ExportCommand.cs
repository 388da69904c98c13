using System.CommandLine;
using Grimoire.Core.Annotation.Exports;
using Grimoire.Core.Annotation.Snapshot;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands;

/// <summary>
/// <c>grimoire export conversation ID [--format md|json]</c>: a conversation as Markdown or JSON (X8,
/// <c>grimoire.conversation/v1</c>) on standard output, read as the operator.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Readable exports (docs/exports.md).");
        var id = new Argument<Guid>("id") { Description = "The conversation's id" };
        var format = new Option<string>("--format") { Description = "md or json", DefaultValueFactory = _ => "md" };
        var conversation = new Command("conversation", "Write one conversation as Markdown or JSON to standard output.") { id, format };
        conversation.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            if (!ConversationExports.TryParseFormat(parse.GetValue(format), out var parsed))
            {
                await Console.Error.WriteLineAsync("grimoire: --format is md or json.");
                return 2;
            }

            var record = await services.GetRequiredService<ConversationRecords>().ReadAsync(parse.GetValue(id), ct);
            if (record is null)
            {
                await Console.Error.WriteLineAsync("grimoire: no conversation has that id.");
                return 1;
            }

            await Console.Out.WriteAsync(ConversationExports.Conversation(record, parsed).Content);
            return 0;
        }, cancellationToken));
        command.Subcommands.Add(conversation);
        return command;
    }
}
