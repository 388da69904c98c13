using System.Security.Cryptography;
using System.Text;
using Grimoire.Llm.OpenRouter.Keys;
using Grimoire.Llm.Streaming;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Tests.StandIn;

/// <summary>Our OpenRouter chat client, through the provider registry, streaming from the stand-in with a minted key.</summary>
public sealed class StandInChatTests : StandInTest
{
    private const string Sonnet = "anthropic/claude-sonnet-4.5";

    [Fact]
    public async Task A_minted_key_streams_thinking_text_and_usage_priced_from_the_catalogue()
    {
        var key = await MintAsync(5m, OpenRouterLimitReset.Weekly);

        var turn = await AskAsync(key.Key, Sonnet, "Explain binary search to me", new ChatOptions().WithThinkingBudget(2048));

        Assert.Equal(ChatTurnStatus.Complete, turn.Status);
        Assert.Contains("local OpenRouter stand-in", turn.Text, StringComparison.Ordinal);
        Assert.Contains("> Explain binary search to me", turn.Text, StringComparison.Ordinal);
        Assert.Contains("Explain binary search to me", turn.Thinking, StringComparison.Ordinal);
        var block = Assert.Single(turn.ThinkingBlocks);
        Assert.Equal((ThinkingBlockKind.Text, "anthropic-claude-v1", turn.Thinking), (block.Kind, block.Format, block.Text));
        Assert.False(string.IsNullOrEmpty(block.Signature));

        var usage = turn.Usage!;
        Assert.Equal(CostSource.Provider, usage.CostSource);
        Assert.True(usage is { InputTokens: > 0, ThinkingTokens: > 0 } && usage.OutputTokens > usage.ThinkingTokens);
        Assert.Equal((usage.InputTokens * 3m + usage.OutputTokens * 15m) / 1_000_000m, usage.CostUsd);

        var call = Assert.Single(Server.ChatCalls);
        Assert.Equal((key.Info.Hash, 200, Sonnet, true), (call.KeyHash, call.Status, call.Model, call.Stream));
        Assert.Equal(turn.Request!.Body.ToArray(), call.Body.ToArray());
        Assert.Equal(turn.GenerationId, call.GenerationId);
        Assert.Equal(usage.CostUsd, call.Cost);

        var spent = (await Keys.GetAsync(key.Info.Hash, Ct))!;
        Assert.Equal((usage.CostUsd, usage.CostUsd, usage.CostUsd, 5m - usage.CostUsd), (spent.Usage, spent.UsageDaily, spent.UsageWeekly, spent.LimitRemaining));
    }

    [Fact]
    public async Task Thinking_goes_back_with_its_signature_and_a_tampered_signature_is_refused_like_Anthropic()
    {
        var key = (await MintAsync()).Key;
        var options = new ChatOptions().WithThinkingBudget(1024);
        List<ChatMessage> history = [new(ChatRole.User, "First question")];
        var first = await ChatAsync(key, Sonnet, history, options);
        history.Add(first.ToAssistantMessage());
        history.Add(new ChatMessage(ChatRole.User, "And a follow-up"));

        var second = await ChatAsync(key, Sonnet, history, options);

        Assert.Equal(ChatTurnStatus.Complete, second.Status);
        Assert.Contains("\"signature\":", second.Request!.BodyText, StringComparison.Ordinal);
        Assert.Contains("> And a follow-up", second.Text, StringComparison.Ordinal);

        var forged = first.ThinkingBlocks[0] with { Signature = "Zm9yZ2Vk" };
        history[1] = new ChatMessage(ChatRole.Assistant, [new ThinkingBlockContent(forged), new TextContent(first.Text)]);
        var refused = await ChatAsync(key, Sonnet, history, options);

        Assert.Equal((ProviderFailureKind.BadRequest, 400), (refused.Failure!.Kind, refused.Failure.StatusCode));
        Assert.Contains("Invalid `signature`", refused.Failure.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_key_is_refused_with_401_as_OpenRouter_documents_and_the_call_is_recorded()
    {
        var key = await MintAsync();
        await Keys.UpdateAsync(key.Info.Hash, new OpenRouterKeyUpdate { Disabled = true }, Ct);

        var turn = await AskAsync(key.Key);

        Assert.Equal((ProviderFailureKind.Unauthorized, 401), (turn.Failure!.Kind, turn.Failure.StatusCode));
        Assert.Contains("disabled", turn.Failure.ProviderMessage, StringComparison.Ordinal);
        var call = Assert.Single(Server.ChatCalls);
        Assert.Equal((key.Info.Hash, 401, (decimal?)null), (call.KeyHash, call.Status, call.Cost));
    }

    [Fact]
    public async Task Deleted_and_unknown_keys_are_refused_with_401()
    {
        var key = await MintAsync();
        await Keys.DeleteAsync(key.Info.Hash, Ct);
        const string Unknown = "sk-or-v1-fake-never-minted-0000000000000000000000000000000000";

        var deleted = await AskAsync(key.Key);
        var unknown = await AskAsync(Unknown);

        Assert.Equal((ProviderFailureKind.Unauthorized, 401), (deleted.Failure!.Kind, deleted.Failure.StatusCode));
        Assert.Equal((ProviderFailureKind.Unauthorized, 401), (unknown.Failure!.Kind, unknown.Failure.StatusCode));
        Assert.Equal(
            [key.Info.Hash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Unknown)))],
            Server.ChatCalls.Select(c => c.KeyHash));
    }

    [Fact]
    public async Task A_spent_budget_is_a_402_until_the_instructor_raises_it()
    {
        var key = await MintAsync(0.001m, OpenRouterLimitReset.Weekly);

        var first = await AskAsync(key.Key);
        var second = await AskAsync(key.Key);
        await Keys.UpdateAsync(key.Info.Hash, new OpenRouterKeyUpdate { Budget = new OpenRouterBudget(1m, OpenRouterLimitReset.Weekly) }, Ct);
        var third = await AskAsync(key.Key);

        Assert.True(first.Usage!.CostUsd > 0.001m, "one call may overshoot the limit, as at OpenRouter");
        Assert.Equal((ProviderFailureKind.BudgetExhausted, 402), (second.Failure!.Kind, second.Failure.StatusCode));
        Assert.Contains("Key limit exceeded (weekly limit)", second.Failure.ProviderMessage, StringComparison.Ordinal);
        Assert.Equal(ChatTurnStatus.Complete, third.Status);
        Assert.Equal([200, 402, 200], Server.ChatCalls.Select(c => c.Status));
    }

    [Fact]
    public async Task A_daily_budget_refills_at_midnight_UTC()
    {
        var key = await MintAsync(0.001m, OpenRouterLimitReset.Daily);
        await AskAsync(key.Key);
        var spent = await AskAsync(key.Key);

        Clock.Advance(TimeSpan.FromHours(14));
        var nextDay = await AskAsync(key.Key);

        Assert.Equal(ProviderFailureKind.BudgetExhausted, spent.Failure!.Kind);
        Assert.Equal(ChatTurnStatus.Complete, nextDay.Status);
        var info = (await Keys.GetAsync(key.Info.Hash, Ct))!;
        Assert.Equal(nextDay.Usage!.CostUsd, info.UsageDaily);
        Assert.Equal(info.Usage, info.UsageWeekly);
    }

    [Fact]
    public async Task An_expired_key_is_refused_with_401()
    {
        var key = await MintAsync(expires: Start.AddHours(1));
        Clock.Advance(TimeSpan.FromHours(2));

        var turn = await AskAsync(key.Key);

        Assert.Equal((ProviderFailureKind.Unauthorized, 401), (turn.Failure!.Kind, turn.Failure.StatusCode));
        Assert.Contains("expired", turn.Failure.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_is_a_bad_request_and_an_image_for_a_text_model_finds_no_endpoint()
    {
        var key = (await MintAsync()).Key;

        var unknown = await AskAsync(key, "openai/gpt-9-imaginary");
        var image = await ChatAsync(key, "meta-llama/llama-3.3-70b-instruct",
            [new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new DataContent(new byte[] { 137, 80, 78, 71 }, "image/png")])]);

        Assert.Equal((ProviderFailureKind.BadRequest, 400), (unknown.Failure!.Kind, unknown.Failure.StatusCode));
        Assert.Contains("openai/gpt-9-imaginary is not a valid model ID", unknown.Failure.ProviderMessage, StringComparison.Ordinal);
        Assert.Equal((ProviderFailureKind.NotFound, 404), (image.Failure!.Kind, image.Failure.StatusCode));
        Assert.Contains("Remove the attachment", image.Failure.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("retired", image.Failure.UserMessage, StringComparison.Ordinal);
        Assert.Equal(0m, Server.FindKey(Server.Keys[0].Hash)!.Usage);
    }

    [Fact]
    public async Task Excluded_thinking_is_billed_but_not_shown_and_a_model_without_thinking_only_answers()
    {
        var key = (await MintAsync()).Key;

        var hidden = await AskAsync(key, "openai/gpt-5", options: new ChatOptions
        {
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High, Output = ReasoningOutput.None },
        });
        var plain = await AskAsync(key, "meta-llama/llama-3.3-70b-instruct", options: new ChatOptions().WithThinkingBudget(1024));

        Assert.Contains("\"exclude\":true", hidden.Request!.BodyText, StringComparison.Ordinal);
        Assert.Equal("", hidden.Thinking);
        Assert.True(hidden.Usage!.ThinkingTokens > 0);
        Assert.Equal("", plain.Thinking);
        Assert.Equal(0, plain.Usage!.ThinkingTokens);
        Assert.Contains("this model cannot think", plain.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_max_tokens_truncates_the_answer()
    {
        var key = (await MintAsync()).Key;

        var turn = await AskAsync(key, "openai/gpt-4o-mini", options: new ChatOptions { MaxOutputTokens = 10 });

        Assert.Equal(ChatTurnStatus.Truncated, turn.Status);
        Assert.Equal(10, turn.Usage!.OutputTokens);
    }

    [Fact]
    public async Task GPT_5_streams_summaries_and_DeepSeek_R1_always_thinks()
    {
        var key = (await MintAsync()).Key;

        var gpt5 = await AskAsync(key, "openai/gpt-5", options: new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } });
        var r1 = await AskAsync(key, "deepseek/deepseek-r1");

        Assert.Equal(ThinkingBlockKind.Summary, Assert.Single(gpt5.ThinkingBlocks).Kind);
        Assert.NotEqual("", r1.Thinking);
        Assert.Equal(ChatTurnStatus.Complete, r1.Status);
    }
}
