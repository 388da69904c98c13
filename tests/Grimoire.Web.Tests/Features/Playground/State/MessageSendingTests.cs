using System.Text;
using Grimoire.Core.Attachments;
using Grimoire.Web.Features.Playground.Session;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Tests.Features.Playground.State;

/// <summary>What the composer sends (issue 16 item 2, issue 10): the first message of a new conversation, a refusal that keeps the text, and files.</summary>
public sealed class MessageSendingTests(PlaygroundStateHost host) : IClassFixture<PlaygroundStateHost>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task AC1_1_the_first_message_creates_the_conversation_with_the_prompt_tuned_before_it_existed()
    {
        await using var circuit = await host.CircuitAsync("alex");
        var sending = circuit.Get<MessageSending>();
        circuit.Session.Composer.SetSystemPrompt("Answer in one sentence. MARKER-42");

        Assert.Null(await sending.SendAsync("What is a tide?", Ct));

        var open = circuit.Session.Conversation;
        Assert.NotNull(open.Id);
        Assert.Equal("Answer in one sentence. MARKER-42", circuit.Session.Composer.SystemPrompt);
        Assert.Equal(["What is a tide?"], open.Messages.Where(m => m.Role == Core.Playground.MessageRole.User).Select(m => m.Content));
        Assert.Contains(circuit.Session.Conversations.Items, c => c.Id == open.Id);
    }

    [Fact]
    public async Task A_refused_send_comes_back_as_the_notice_and_stores_nothing()
    {
        await using var circuit = await host.CircuitAsync("priya");
        var sending = circuit.Get<MessageSending>();
        await circuit.Session.NewConversationAsync(Ct);

        var refused = await sending.SendAsync("   ", Ct);

        Assert.Equal("Write a message first.", refused);
        Assert.Equal(refused, circuit.Session.Notice.Text);
        Assert.Empty(circuit.Session.Conversation.Messages);
    }

    [Fact]
    public async Task AC7_5_files_for_a_model_that_takes_none_are_refused_on_their_chips_and_start_nothing()
    {
        await using var circuit = await host.CircuitAsync("sam");
        var textOnly = circuit.Session.Course.Models.First(m => !m.SupportsVision && !m.SupportsFiles);
        circuit.Session.Composer.SelectModel(textOnly.Id);

        await circuit.Get<MessageSending>().AttachAsync([new TextFile("notes.csv", "a,b\n1,2\n")], Ct);

        var chip = Assert.Single(circuit.Session.Attachments.Files);
        Assert.Equal(TurnAttachments.ModelTakesNone, chip.Refusal);
        Assert.Null(circuit.Session.Conversation.Id); // no conversation was created for files that cannot go
        Assert.Empty(circuit.Session.Attachments.StoredIds);
    }

    [Fact]
    public async Task AC7_6_a_pending_file_streams_into_the_workspace_and_one_over_the_limit_is_refused_unread()
    {
        await using var circuit = await host.CircuitAsync("alex");
        await circuit.Session.NewConversationAsync(Ct);
        var workspace = circuit.Session.Conversation.Detail!.Conversation.WorkspaceId;
        var pending = circuit.Get<PendingAttachments>();
        var max = host.Services.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxFileBytes;
        var huge = new TextFile("huge.txt", "x", declaredSize: max + 1);

        await pending.AddAsync(await host.UserIdAsync("alex"), workspace, [new TextFile("data.csv", "x,y\n3,4\n"), huge], Ct);

        var (stored, refused) = (pending.Files[0], pending.Files[1]);
        Assert.Equal(("data.csv", 1.0), (stored.Stored?.Name, stored.Progress));
        Assert.Equal(pending.StoredIds, [stored.Stored!.Id]);
        Assert.Equal(AttachmentUploads.FileTooLarge(max), refused.Refusal);
        Assert.False(huge.Opened); // never read from the browser at all
        Assert.False(pending.AnyUploading);
    }

    /// <summary>A browser file with text content (and, for a limit test, a declared size of its own).</summary>
    private sealed class TextFile(string name, string text, long? declaredSize = null) : IBrowserFile
    {
        private readonly byte[] bytes = Encoding.UTF8.GetBytes(text);

        public bool Opened { get; private set; }

        public string Name => name;

        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public long Size => declaredSize ?? bytes.Length;

        public string ContentType => "text/csv";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
        {
            Opened = true;
            return new MemoryStream(bytes);
        }
    }
}
