using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Web.Tests.Features.Playground.State;

/// <summary>Edit (AC6.1), regenerate (AC6.3) and branch (X2) on the open conversation.</summary>
public sealed class ConversationChangesTests(PlaygroundStateHost host) : IClassFixture<PlaygroundStateHost>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task AC6_1_an_edit_shows_in_the_open_conversation()
    {
        await using var circuit = await AnsweredAsync("alex");
        var question = circuit.Session.Conversation.Messages[0];

        Assert.Null(await circuit.Session.Changes.EditAsync(new MessageEditRequest(question.Id, "What is a *barycentre*?"), Ct));

        Assert.Equal("What is a *barycentre*?", circuit.Session.Conversation.Messages[0].Content);
        Assert.NotNull(circuit.Session.Conversation.Messages[0].EditedAt);
    }

    [Fact]
    public async Task X2_branching_opens_the_branch_linked_to_its_source()
    {
        await using var circuit = await AnsweredAsync("priya");
        var source = circuit.Session.Conversation.Id!.Value;
        var answer = circuit.Session.Conversation.Messages[^1];

        Assert.Null(await circuit.Session.Changes.BranchAsync(answer.Id, Ct));

        var branch = circuit.Session.Conversation;
        Assert.NotEqual(source, branch.Id);
        Assert.Equal(source, branch.Forks.Source?.ConversationId);
        Assert.Equal(2, branch.Messages.Count);
        Assert.Contains(circuit.Session.Conversations.Items, c => c.Id == branch.Id);
    }

    [Fact]
    public async Task AC6_3_regenerating_describes_the_settings_and_answers_again()
    {
        await using var circuit = await AnsweredAsync("sam");
        var open = circuit.Session.Conversation;
        var answer = open.Messages[^1];

        var question = circuit.Session.Changes.AskRegenerate(answer.Id);
        Assert.Equal(0, question.LaterMessages);
        Assert.StartsWith(circuit.Session.Composer.SelectedModel!.DisplayName, question.CurrentDescription, StringComparison.Ordinal);
        Assert.NotNull(question.OriginalDescription);

        Assert.Null(await circuit.Session.Changes.RegenerateAsync(answer.Id, new RegenerateChoice(Branch: false, UseOriginalSettings: true), Ct));
        await open.UntilAsync(() => OpenConversationTests.Answered(open));
        Assert.Equal(2, open.Messages.Count);
        Assert.Equal(answer.Id, open.Messages[^1].Id);
    }

    private async Task<Circuit> AnsweredAsync(string name)
    {
        var circuit = await host.CircuitAsync(name);
        Assert.Null(await circuit.Session.SendAsync("What is a barycentre?", Ct));
        await circuit.Session.Conversation.UntilAsync(() => OpenConversationTests.Answered(circuit.Session.Conversation));
        return circuit;
    }
}
