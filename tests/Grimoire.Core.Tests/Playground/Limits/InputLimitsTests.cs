using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Playground.Turns;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Playground.Limits;

/// <summary>
/// Explicit limits with a sentence for the student (issue 17 item 7, X7): message, system prompt, edit, messages per
/// conversation and the context of a model that does not say its length. Each refusal stores nothing and is counted.
/// </summary>
public abstract class InputLimitsTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        Db.Settings["Grimoire:Playground:MaxMessageChars"] = "2000";
        Db.Settings["Grimoire:Playground:MaxSystemPromptChars"] = "1000";
        Db.Settings["Grimoire:Playground:MaxEditChars"] = "3000";
        Db.Settings["Grimoire:Playground:MaxMessagesPerConversation"] = "4";
        Db.Settings["Grimoire:Playground:UnknownContextTokens"] = "1000";
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused_with_its_length_and_nothing_is_stored()
    {
        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        var refused = await scenario.SendAsync(new string('a', 2_001), scenario.SwiftSettings(maxTokens: 64)).RefusedAsync();

        Assert.Equal("Your message is 2,001 characters; the limit is 2,000.", refused.Message);
        Assert.Empty(await scenario.MessagesAsync());
        Assert.Equal([RefusalReasons.MessageTooLong], counter.Reasons);

        var atLimit = await scenario.SendAsync(new string('a', 2_000), scenario.SwiftSettings(maxTokens: 64));
        await scenario.WaitForTurnAsync();
    }

    [Fact]
    public async Task A_system_prompt_over_the_limit_is_refused_for_a_new_turn_and_a_regeneration()
    {
        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        var longPrompt = new string('p', 1_001);
        var refused = await scenario.SendAsync("Hi", scenario.SwiftSettings(maxTokens: 64), systemPrompt: longPrompt).RefusedAsync();

        Assert.Equal("Your system prompt is 1,001 characters; the limit is 1,000.", refused.Message);
        Assert.Empty(await scenario.MessagesAsync());

        var answer = await scenario.SendAndWaitAsync("Hi", scenario.SwiftSettings(maxTokens: 64));
        var regenerate = await Db.Get<TurnRunner>().RegenerateAsync(scenario.Student.Id, scenario.Conversation.Id, answer.Id,
            RegenerateWith.CurrentSettings, scenario.SwiftSettings(maxTokens: 64), longPrompt, Ct).RefusedAsync();
        Assert.Equal("Your system prompt is 1,001 characters; the limit is 1,000.", regenerate.Message);
        Assert.Equal(answer.Content, (await scenario.MessageAsync(answer.Id)).Content);

        await using var db = Db.CreateContext();
        Assert.Equal("Be brief.", (await db.PlaygroundConversations.SingleAsync(c => c.Id == scenario.Conversation.Id)).SystemPrompt);
        var store = Db.Get<ConversationStore>();
        var saved = await Assert.ThrowsAsync<PlaygroundLimitException>(
            () => store.SaveSystemPromptAsync(scenario.Student.Id, scenario.Conversation.Id, longPrompt, Ct));
        Assert.Equal("Your system prompt is 1,001 characters; the limit is 1,000.", saved.Message);
        Assert.Equal([RefusalReasons.SystemPromptTooLong, RefusalReasons.SystemPromptTooLong, RefusalReasons.SystemPromptTooLong], counter.Reasons);
    }

    [Fact]
    public async Task An_edit_over_the_limit_is_refused_and_the_message_keeps_its_text()
    {
        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        var answer = await scenario.SendAndWaitAsync("Hi", scenario.SwiftSettings(maxTokens: 64));
        var question = (await scenario.MessagesAsync())[0];

        var refused = await Db.Get<MessageEditor>().EditAsync(scenario.Student.Id, question.Id, new string('e', 3_001), Ct).RefusedAsync();

        Assert.Equal("Your edit is 3,001 characters; the limit is 3,000.", refused.Message);
        Assert.Equal("Hi", (await scenario.MessageAsync(question.Id)).Content);
        Assert.True((await Db.Get<MessageEditor>().EditAsync(scenario.Student.Id, answer.Id, new string('e', 3_000), Ct)).Changed);
        Assert.Equal([RefusalReasons.EditTooLong], counter.Reasons);
    }

    [Fact]
    public async Task A_conversation_at_its_message_limit_takes_no_more_and_says_to_start_a_new_one()
    {
        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        await scenario.SendAndWaitAsync("One", scenario.SwiftSettings(maxTokens: 64));
        await scenario.SendAndWaitAsync("Two", scenario.SwiftSettings(maxTokens: 64));

        var refused = await scenario.SendAsync("Three", scenario.SwiftSettings(maxTokens: 64)).RefusedAsync();

        Assert.Equal("This conversation holds 4 messages; the limit is 4. Start a new conversation to go on.", refused.Message);
        Assert.Equal(4, (await scenario.MessagesAsync()).Count);
        Assert.Equal([RefusalReasons.ConversationFull], counter.Reasons);
    }

    [Fact]
    public async Task A_model_without_a_context_length_gets_the_configured_one()
    {
        using var counter = new RefusalCounter(Db.Get<PlaygroundRefusals>());
        await using (var db = Db.CreateContext())
        {
            await db.CourseModelConfigs.Where(m => m.Id == scenario.Swift.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ContextLength, (int?)null));
        }

        var refused = await scenario.SendAsync(string.Join(' ', Enumerable.Repeat("token", 200)), scenario.SwiftSettings(maxTokens: 900)).RefusedAsync();

        Assert.Contains("the course allows 1,000 for a model whose context length is not known", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await scenario.MessagesAsync());
        Assert.Equal([RefusalReasons.ContextTooLong], counter.Reasons);
    }
}

public sealed class InputLimitsTestsOnSqlite : InputLimitsTests<SqliteTestDatabase>;

public sealed class InputLimitsTestsOnPostgres : InputLimitsTests<PostgresTestDatabase>;
