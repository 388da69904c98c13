using System.CommandLine;
using Grimoire.Cli;
using Grimoire.Cli.Commands;
using Grimoire.Cli.Commands.Llm;

var root = new RootCommand("Grimoire Playground operator commands.");
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(SeedDemoCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(ModelsCommand.Create());
root.Subcommands.Add(ChatCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(UsageCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(OpenRouterStandInCommand.Create());
root.Subcommands.Add(LtiCommand.Create());

return await root.Parse(args).InvokeAsync();
