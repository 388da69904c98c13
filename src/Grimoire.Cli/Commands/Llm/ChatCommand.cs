using System.CommandLine;
using System.Globalization;
using Grimoire.Llm;
using Grimoire.Llm.Simulated;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Cli.Commands.Llm;

/// <summary>
/// <c>grimoire chat --provider … --model … [--thinking …] "prompt"</c>: streams thinking and text to the terminal,
/// then prints usage, cost and the exact wire request (key redacted). The operator's "does this key work" check.
/// </summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var provider = LlmCommandOptions.Provider();
        var apiKey = LlmCommandOptions.ApiKey();
        var baseUrl = LlmCommandOptions.BaseUrl();
        var model = new Option<string>("--model", "-m") { Description = "Model id", DefaultValueFactory = _ => SimulatedModels.ThinkerId };
        var thinking = new Option<string?>("--thinking", "-t") { Description = "off | minimal | low | medium | high | xhigh | a token budget (e.g. 2048)" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Max output tokens" };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature" };
        var system = new Option<string?>("--system") { Description = "System prompt" };
        var seed = new Option<long?>("--seed") { Description = "Seed (the simulated provider is deterministic for a prompt + seed)" };
        var prompt = new Argument<string>("prompt") { Description = "What to ask" };
        var command = new Command("chat", "Send one prompt and stream the answer, then show usage, cost and the exact request sent.")
        {
            provider, apiKey, baseUrl, model, thinking, maxTokens, temperature, system, seed, prompt,
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
            var options = new ChatOptions
            {
                Instructions = parse.GetValue(system),
                MaxOutputTokens = parse.GetValue(maxTokens),
                Temperature = parse.GetValue(temperature),
                Seed = parse.GetValue(seed),
            };
            if (!ApplyThinking(options, parse.GetValue(thinking)))
            {
                await output.WriteLineAsync("--thinking must be off, minimal, low, medium, high, xhigh or a number of tokens.");
                return 2;
            }

            IChatClient client;
            try
            {
                client = registry.CreateClient(endpoint, parse.GetValue(model)!);
            }
            catch (ProviderException ex)
            {
                await output.WriteLineAsync(ex.Failure.UserMessage);
                return 1;
            }

            var turn = new ChatTurn();
            var inThinking = false;
            await foreach (var e in client.StreamEventsAsync([new ChatMessage(ChatRole.User, parse.GetValue(prompt)!)], options, ct))
            {
                turn.Apply(e);
                switch (e)
                {
                    case ThinkingDelta d:
                        if (!inThinking)
                        {
                            await output.WriteAsync("\n[thinking]\n");
                            inThinking = true;
                        }

                        await output.WriteAsync(d.Text);
                        break;
                    case TextDelta d:
                        if (inThinking)
                        {
                            await output.WriteAsync("\n[/thinking]\n\n");
                            inThinking = false;
                        }

                        await output.WriteAsync(d.Text);
                        break;
                    default:
                        break;
                }
            }

            await PrintSummaryAsync(output, turn);
            return turn.Status switch
            {
                ChatTurnStatus.Failed => 1,
                ChatTurnStatus.Cancelled => 130,
                _ => 0,
            };
        }, cancellationToken));
        return command;
    }

    private static bool ApplyThinking(ChatOptions options, string? value)
    {
        if (value is null)
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var budget) && budget > 0)
        {
            options.WithThinkingBudget(budget);
            return true;
        }

        ReasoningEffort? effort = value.ToLowerInvariant() switch
        {
            "off" or "none" => ReasoningEffort.None,
            "minimal" or "low" => ReasoningEffort.Low,
            "medium" => ReasoningEffort.Medium,
            "high" => ReasoningEffort.High,
            "xhigh" => ReasoningEffort.ExtraHigh,
            _ => null,
        };
        options.Reasoning = effort is null ? null : new ReasoningOptions { Effort = effort };
        return effort is not null;
    }

    private static async Task PrintSummaryAsync(TextWriter output, ChatTurn turn)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync();
        await output.WriteLineAsync($"-- {turn.Status.ToString().ToLowerInvariant()}{(turn.FinishReason is { } r ? $" ({r.ToString().ToLowerInvariant()})" : "")}");
        if (turn.Failure is { } failure)
        {
            await output.WriteLineAsync($"-- failure: {failure.Kind}: {failure.UserMessage}");
        }

        if (turn.Usage is { } u)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"-- usage: input {u.InputTokens}, output {u.OutputTokens}, thinking {u.ThinkingTokens?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}, cached {u.CachedInputTokens?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"-- cost: {(u.CostUsd is { } c ? "$" + c.ToString("0.######", CultureInfo.InvariantCulture) : "unknown")} ({u.CostSource})"));
        }

        if (turn.GenerationId is not null)
        {
            await output.WriteLineAsync($"-- generation: {turn.GenerationId} ({turn.ModelId})");
        }

        if (turn.Request is { } request)
        {
            await output.WriteLineAsync($"-- request: {request.Method} {request.Url}");
            foreach (var header in request.Headers)
            {
                await output.WriteLineAsync($"   {header.Name}: {header.Value}");
            }

            await output.WriteLineAsync(request.BodyText);
        }
    }
}
