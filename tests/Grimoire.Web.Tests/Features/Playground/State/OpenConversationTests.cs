using Grimoire.Core.Playground;
using Grimoire.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Grimoire.Web.Features.Playground.Messages;
using Grimoire.Web.Features.Playground.Session;

namespace Grimoire.Web.Tests.Features.Playground.State;

/// <summary>The open conversation and live following (X6, AC8.2, AC1.1, AC1.4), with the simulated model answering in-process.</summary>
public sealed class OpenConversationTests(PlaygroundStateHost host) : IClassFixture<PlaygroundStateHost>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task X6_sending_starts_a_conversation_whose_answer_arrives_without_asking()
    {
        await using var circuit = await host.CircuitAsync("alex");
        var open = circuit.Session.Conversation;

        Assert.Null(await circuit.Session.SendAsync("Tell me about tidal locking", Ct));

        Assert.NotNull(open.Id);
        Assert.Contains(circuit.Session.Conversations.Items, c => c.Id == open.Id);
        await open.UntilAsync(() => Answered(open));
        var answer = open.Messages[^1];
        Assert.Equal(MessageRole.Assistant, answer.Role);
        Assert.False(string.IsNullOrWhiteSpace(answer.Content));
        Assert.Equal("Tell me about tidal locking", open.Messages[0].Content);
        Assert.False(open.IsStreaming);
    }

    [Fact]
    public async Task X6_the_answer_shows_while_it_streams_then_as_stored()
    {
        var simulated = host.Services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value.Simulated;
        await using var circuit = await host.CircuitAsync("sam");
        var open = circuit.Session.Conversation;
        simulated.DelayMs = 100; // slow enough that the stream is seen however slow the machine
        try
        {
            Assert.Null(await circuit.Session.SendAsync("Write a long essay about rivers", Ct));
            await open.UntilAsync(() => open.Messages.Count == 2 && open.Messages[^1] is { Status: MessageStatus.Streaming, Content.Length: > 0 });
            Assert.True(open.IsStreaming);
            Assert.NotEqual(LivePhase.None, open.Messages[^1].Phase);
        }
        finally
        {
            simulated.DelayMs = 0;
        }

        await open.UntilAsync(() => Answered(open));
        Assert.False(open.IsStreaming);
    }

    [Fact]
    public async Task AC8_2_a_second_circuit_on_the_same_conversation_follows_the_answer()
    {
        await using var first = await host.CircuitAsync("priya");
        Assert.Null(await first.Session.SendAsync("Explain orbital resonance", Ct));
        var id = first.Session.Conversation.Id!.Value;

        await using var second = await host.CircuitAsync("priya", id);
        var watched = second.Session.Conversation;
        Assert.Equal(id, watched.Id);

        await watched.UntilAsync(() => Answered(watched));
        await first.Session.Conversation.UntilAsync(() => Answered(first.Session.Conversation));
        Assert.Equal(first.Session.Conversation.Messages[^1].Content, watched.Messages[^1].Content);
    }

    [Fact]
    public async Task AC1_4_reopening_continues_with_the_prompt_and_settings_of_the_last_answer()
    {
        await using var first = await host.CircuitAsync("sam");
        first.Session.Composer.SetSystemPrompt("Answer like a pirate.");
        first.Session.Composer.Settings.MaxTokens = 1500;
        first.Session.Composer.Settings.ThinkingEnabled = false;
        first.Session.Composer.SettingsChanged();
        Assert.Null(await first.Session.SendAsync("Hello", Ct));
        var id = first.Session.Conversation.Id!.Value;
        // AC1.1: sending the first message kept what the student set before the conversation existed.
        Assert.Equal("Answer like a pirate.", first.Session.Composer.SystemPrompt);
        await first.Session.Conversation.UntilAsync(() => Answered(first.Session.Conversation));

        await using var reopened = await host.CircuitAsync("sam", id);

        Assert.Equal("Answer like a pirate.", reopened.Session.Composer.SystemPrompt);
        Assert.Equal(1500, reopened.Session.Composer.Settings.MaxTokens);
        Assert.False(reopened.Session.Composer.Settings.ThinkingEnabled);
    }

    [Fact]
    public async Task A_conversation_deleted_elsewhere_closes_with_a_notice()
    {
        await using var circuit = await host.CircuitAsync("alex");
        await circuit.Session.NewConversationAsync(Ct);
        var id = circuit.Session.Conversation.Id!.Value;

        await using (var other = await host.CircuitAsync("alex"))
        {
            await other.Session.DeleteAsync(id, Ct);
        }

        Assert.False(await circuit.Session.Conversation.ReloadAsync(Ct));
        Assert.Null(circuit.Session.Conversation.Id);
        Assert.Equal(OpenConversation.Gone, circuit.Session.Notice.Text);
    }

    [Fact]
    public async Task Someone_elses_conversation_is_not_opened_and_the_person_is_told()
    {
        await using var owner = await host.CircuitAsync("priya");
        await owner.Session.NewConversationAsync(Ct);
        var theirs = owner.Session.Conversation.Id!.Value;

        await using var stranger = await host.CircuitAsync("sam", theirs);

        Assert.Null(stranger.Session.Conversation.Id);
        Assert.Equal(PlaygroundSession.NotYours, stranger.Session.Notice.Text);
        Assert.NotNull(stranger.Session.Course.Course); // their own playground still works

        await stranger.Session.OpenAsync(theirs, Ct);
        Assert.Null(stranger.Session.Conversation.Id);
    }

    internal static bool Answered(OpenConversation open) =>
        open.Messages.Count >= 2 && open.Messages[^1] is { Role: MessageRole.Assistant, Status: MessageStatus.Complete, Phase: LivePhase.None };
}
