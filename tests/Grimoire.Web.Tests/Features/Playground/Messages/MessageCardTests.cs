using Bunit;
using Grimoire.Core.Playground;
using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Web.Tests.Features.Playground.Messages;

public sealed class MessageCardTests : MessageComponentTest
{
    [Fact]
    public void User_card_shows_author_and_rendered_markdown_without_assistant_actions()
    {
        var cut = Render<MessageCard>(p => p.Add(x => x.Message, User()));

        Assert.Equal("user", cut.Find("[data-testid=message-card]").GetAttribute("data-role"));
        Assert.Equal("Ada", cut.Find("[data-testid=message-author]").TextContent);
        Assert.Equal("there", cut.Find("[data-testid=message-content] em").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=message-edited]"));
        Assert.Empty(cut.FindAll("[data-testid=copy-request]"));
        Assert.Empty(cut.FindAll("[data-testid=byline]"));
        Assert.Empty(cut.FindAll("[data-testid=thinking-panel]"));
    }

    [Fact]
    public void Edited_user_message_is_marked()
    {
        var message = User() with { EditedAt = new DateTime(2026, 11, 25, 10, 5, 0, DateTimeKind.Utc) };

        var cut = Render<MessageCard>(p => p.Add(x => x.Message, message));

        Assert.Equal("edited", cut.Find("[data-testid=message-edited]").TextContent);
    }

    [Fact]
    public void Assistant_card_shows_thinking_above_the_answer_and_the_byline_below()
    {
        var message = Assistant() with { Thinking = "First I weigh it." };

        var cut = Render<MessageCard>(p => p.Add(x => x.Message, message));

        var card = cut.Find("[data-testid=message-card]");
        Assert.Equal("assistant", card.GetAttribute("data-role"));
        Assert.Equal("answer", cut.Find("[data-testid=message-content] strong").TextContent);
        var order = card.QuerySelectorAll("[data-testid=thinking-panel], [data-testid=message-content], [data-testid=byline]")
            .Select(e => e.GetAttribute("data-testid"));
        Assert.Equal(["thinking-panel", "message-content", "byline"], order);
        Assert.Equal("1,234", cut.Find("[data-byline-item=input-tokens] dd").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=message-status]"));
    }

    [Fact]
    public void Model_markdown_is_sanitised_in_the_card()
    {
        var message = Assistant("[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n```js\nalert(1)\n```");

        var cut = Render<MessageCard>(p => p.Add(x => x.Message, message));

        var content = cut.Find("[data-testid=message-content]");
        Assert.Empty(content.QuerySelectorAll("script, img, [onerror], a[href]"));
        Assert.Single(content.QuerySelectorAll("button[data-copy-code]"));
    }

    [Fact]
    public void Copy_puts_the_exact_request_json_on_the_clipboard()
    {
        var module = JSInterop.SetupModule("./js/message-actions.js");
        module.SetupVoid("enableCodeCopyButtons").SetVoidResult();
        module.Setup<bool>("copyText", _ => true).SetResult(true);
        var message = Assistant();

        var cut = Render<MessageCard>(p => p.Add(x => x.Message, message));
        cut.Find("[data-testid=copy-request]").Click();

        var invocation = module.VerifyInvoke("copyText");
        Assert.Equal(message.RequestJson, Assert.IsType<string>(invocation.Arguments[0]));
    }

    [Fact]
    public void Copy_is_unavailable_until_a_request_was_recorded()
    {
        var cut = Render<MessageCard>(p => p.Add(x => x.Message, Assistant() with { RequestJson = null }));

        Assert.True(cut.Find("[data-testid=copy-request]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=view-request]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(MessageStatus.Failed, "Rate limited by the provider.", "Failed.")]
    [InlineData(MessageStatus.Cancelled, null, "Stopped.")]
    [InlineData(MessageStatus.Interrupted, null, "Interrupted.")]
    public void Unfinished_answers_are_marked_and_keep_what_arrived(MessageStatus status, string? error, string title)
    {
        var message = Assistant("Partial answer so") with { Status = status, ErrorText = error };

        var cut = Render<MessageCard>(p => p.Add(x => x.Message, message));

        var notice = cut.Find("[data-testid=message-status]");
        Assert.Contains(title, notice.TextContent, StringComparison.Ordinal);
        if (error is not null)
        {
            Assert.Contains(error, notice.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(status.ToString().ToLowerInvariant(), cut.Find("[data-testid=message-card]").GetAttribute("data-status"));
        Assert.Equal("Partial answer so", cut.Find("[data-testid=message-content]").TextContent.Trim());
    }

    [Fact]
    public void Waiting_for_the_provider_is_shown_until_the_first_token()
    {
        var waiting = Assistant("") with { Status = MessageStatus.Streaming, Phase = LivePhase.Waiting, Byline = null };

        var cut = Render<MessageCard>(p => p.Add(x => x.Message, waiting));
        Assert.Contains("Waiting for provider", cut.Find("[data-testid=message-waiting]").TextContent, StringComparison.Ordinal);

        cut.Render(p => p.Add(x => x.Message, waiting with { Phase = LivePhase.Answering, Content = "Hel" }));

        Assert.Empty(cut.FindAll("[data-testid=message-waiting]"));
        Assert.Contains("writing", cut.Find("[data-testid=message-content]").ClassList);
        Assert.Equal("Hel", cut.Find("[data-testid=message-content]").TextContent.Trim());
    }

    [Fact]
    public void Streaming_thinking_collapses_when_the_answer_starts()
    {
        var thinking = Assistant("") with { Status = MessageStatus.Streaming, Phase = LivePhase.Thinking, Thinking = "Hmm" };

        var cut = Render<MessageCard>(p => p.Add(x => x.Message, thinking));
        Assert.Equal("true", cut.Find("[data-testid=thinking-panel]").GetAttribute("data-expanded"));

        cut.Render(p => p.Add(x => x.Message, thinking with { Phase = LivePhase.Answering, Content = "So" }));
        Assert.Equal("false", cut.Find("[data-testid=thinking-panel]").GetAttribute("data-expanded"));

        cut.Render(p => p.Add(x => x.Message, thinking with { Phase = LivePhase.None, Status = MessageStatus.Complete, Content = "So." }));
        Assert.Equal("false", cut.Find("[data-testid=thinking-panel]").GetAttribute("data-expanded"));
        Assert.Equal("So.", cut.Find("[data-testid=message-content]").TextContent.Trim());
    }

    [Fact]
    public void An_unchanged_message_does_not_re_render_the_card()
    {
        var message = Assistant();
        var cut = Render<MessageCard>(p => p.Add(x => x.Message, message));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(x => x.Message, message with { }));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(x => x.Message, message with { Content = "Changed" }));
        Assert.Equal(renders + 1, cut.RenderCount);
        Assert.Equal("Changed", cut.Find("[data-testid=message-content]").TextContent.Trim());
    }

    [Fact]
    public void Edit_regenerate_and_branch_appear_only_when_handled_and_regenerate_and_branch_pass_the_message()
    {
        var message = Assistant();
        ChatMessageView? regenerated = null;
        ChatMessageView? branched = null;

        var plain = Render<MessageCard>(p => p.Add(x => x.Message, message));
        Assert.Empty(plain.FindAll("[data-testid=edit-message], [data-testid=regenerate-message], [data-testid=branch-message]"));

        var cut = Render<MessageCard>(p => p
            .Add(x => x.Message, message)
            .Add(x => x.OnEdit, _ => Task.FromResult<string?>(null))
            .Add(x => x.OnRegenerate, m => regenerated = m)
            .Add(x => x.OnBranch, m => branched = m));
        Assert.Single(cut.FindAll("[data-testid=edit-message]"));
        cut.Find("[data-testid=regenerate-message]").Click();
        cut.Find("[data-testid=branch-message]").Click();

        Assert.Same(message, regenerated);
        Assert.Same(message, branched);
    }

    [Fact]
    public void AC6_1_Editing_opens_the_text_in_place_and_saving_passes_the_new_markdown_then_closes_the_editor()
    {
        var message = User();
        MessageEditRequest? saved = null;
        var cut = Render<MessageCard>(p => p
            .Add(x => x.Message, message)
            .Add(x => x.OnEdit, edit => { saved = edit; return Task.FromResult<string?>(null); }));

        cut.Find("[data-testid=edit-message]").Click();
        var input = cut.Find("[data-testid=edit-input]");
        Assert.Equal(message.Content, input.GetAttribute("value") ?? input.TextContent);
        input.Input("Hello *again*");
        cut.Find("[data-testid=edit-save]").Click();

        // BasedOn: the version the editor opened, so a save over someone else's newer edit is refused (issue 12 item 6).
        Assert.Equal(new MessageEditRequest(message.Id, "Hello *again*", new Core.Playground.Editing.EditBase(message.Content, message.EditedAt)), saved);
        Assert.Empty(cut.FindAll("[data-testid=message-editor]"));
        Assert.Single(cut.FindAll("[data-testid=edit-message]"));
    }

    [Fact]
    public void A_refused_edit_shows_why_and_keeps_the_draft()
    {
        var cut = Render<MessageCard>(p => p
            .Add(x => x.Message, User())
            .Add(x => x.OnEdit, _ => Task.FromResult<string?>("This course is archived.")));

        cut.Find("[data-testid=edit-message]").Click();
        cut.Find("[data-testid=edit-input]").Input("Keep me");
        cut.Find("[data-testid=edit-save]").Click();

        Assert.Equal("This course is archived.", cut.Find("[data-testid=edit-problem]").TextContent.Trim());
        Assert.Equal("Keep me", cut.Find("[data-testid=edit-input]").GetAttribute("value"));
    }

    [Fact]
    public void AC6_2_An_edited_answer_whose_thinking_is_no_longer_sent_back_says_so()
    {
        var edited = Assistant() with { Thinking = "Hmm.", EditedAt = DateTime.UtcNow, ThinkingNotSentBack = true };

        Assert.Single(Render<MessageCard>(p => p.Add(x => x.Message, edited)).FindAll("[data-testid=thinking-dropped]"));
        Assert.Empty(Render<MessageCard>(p => p.Add(x => x.Message, Assistant())).FindAll("[data-testid=thinking-dropped]"));
    }
}
