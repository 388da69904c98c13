using System.CommandLine;
using System.Globalization;
using Grimoire.Llm;

namespace Grimoire.Cli.Commands.Llm;

/// <summary><c>grimoire models --provider …</c>: lists a provider's model catalogue.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var provider = LlmCommandOptions.Provider();
        var apiKey = LlmCommandOptions.ApiKey();
        var baseUrl = LlmCommandOptions.BaseUrl();
        var command = new Command("models", "List the models a provider offers (id, name, context, prices per million tokens, capabilities).")
        {
            provider,
            apiKey,
            baseUrl,
        };

        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (LlmCommandOptions.Registry(services) is not { } registry)
            {
                await Console.Error.WriteLineAsync(LlmCommandOptions.NotRegistered);
                return 2;
            }

            var endpoint = LlmCommandOptions.Endpoint(parse.GetValue(provider)!, parse.GetValue(apiKey), parse.GetValue(baseUrl));
            var snapshot = await registry.GetModelsAsync(endpoint, ct);
            if (snapshot.IsStale)
            {
                await output.WriteLineAsync($"Warning: {snapshot.RefreshError} (showing the last good list: {snapshot.Models.Count} models)");
            }

            await output.WriteLineAsync($"{"ID",-44} {"NAME",-36} {"CONTEXT",9} {"IN $/M",9} {"OUT $/M",9}  CAPABILITIES");
            foreach (var m in snapshot.Models)
            {
                var caps = string.Join(',', new[]
                {
                    m.Capabilities.Thinking ? "thinking:" + m.Capabilities.ThinkingControl.ToString().ToLowerInvariant() : null,
                    m.Capabilities.Vision ? "vision" : null,
                    m.Capabilities.Files ? "files" : null,
                    m.Capabilities.Thinking && !m.Capabilities.TemperatureAllowedWithThinking ? "no-temperature-with-thinking" : null,
                }.Where(c => c is not null));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Id,-44} {m.Name,-36} {m.ContextLength,9} {m.Pricing.InputPerMillion,9:0.####} {m.Pricing.OutputPerMillion,9:0.####}  {caps}"));
            }

            return snapshot.IsStale && snapshot.Models.Count == 0 ? 1 : 0;
        }, cancellationToken));
        return command;
    }
}
