using System.CommandLine;
using Grimoire.Cli;
using Grimoire.Cli.Commands;

var root = new RootCommand("Grimoire Playground operator commands.");
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(SeedDemoCommand.Create());

return await root.Parse(args).InvokeAsync();
