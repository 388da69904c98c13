using Grimoire.Core.Annotation;
using Grimoire.Core.Annotation.Exports;
using Grimoire.Core.Annotation.Snapshot;
using Grimoire.Core.Refusals;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Annotation;

/// <summary>"Annotate this conversation" (AC5.1–AC5.3), tags and highlights with their access checks (AC8.6), exports (X8).</summary>
public abstract class AnnotationTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    private AnnotationDocuments Documents => Db.Get<AnnotationDocuments>();

    private Highlights Highlights => Db.Get<Highlights>();

    private AnnotationTags Tags => Db.Get<AnnotationTags>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    /// <summary>Sends (which saves the turn's prompt) and then sets the conversation's prompt to one worth escaping.</summary>
    private async Task<Core.Playground.PlaygroundMessage> SendAsync(string text, Core.Playground.TurnSettings settings)
    {
        var answer = await scenario.SendAndWaitAsync(text, settings);
        await using var db = Db.CreateContext();
        await db.PlaygroundConversations.Where(c => c.Id == scenario.Conversation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SystemPrompt, "Answer <b>briefly</b> 🙂"), Ct);
        return answer;
    }

    [Fact]
    public async Task The_snapshot_has_the_system_prompt_speakers_metadata_and_thinking_AC5_1_AC5_2_AC5_3()
    {
        var answer = await SendAsync("Why is the sky blue? ✨", scenario.ThinkerSettings());
        var document = await Documents.AnnotateConversationAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);

        Assert.Equal((DocumentSourceTypes.Playground, 1, scenario.Conversation.Id), (document.SourceType, document.Version, document.ConversationId));
        var html = document.HtmlContent;
        Assert.Contains("data-role=\"system\"", html, StringComparison.Ordinal);
        Assert.Contains("Answer &lt;b&gt;briefly&lt;/b&gt; 🙂", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("System prompt", StringComparison.Ordinal) < html.IndexOf("data-role=\"user\"", StringComparison.Ordinal));
        Assert.Contains(">" + scenario.Student.DisplayName + "</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">Assistant</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"data-model=\"{answer.Model}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-tokens-in=\"{answer.InputTokens}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-tokens-out=\"{answer.OutputTokens}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-cost=", html, StringComparison.Ordinal);
        Assert.Contains($"{answer.InputTokens} in · {answer.OutputTokens} out", document.TextContent, StringComparison.Ordinal);
        Assert.NotNull(answer.Thinking);
        Assert.Contains("<details class=\"thinking\"><summary>Thinking</summary>", html, StringComparison.Ordinal);
        Assert.Contains(answer.Thinking![..20], document.TextContent, StringComparison.Ordinal);
        Assert.Equal(DocumentHtml.TextOf(html), document.TextContent);
    }

    [Fact]
    public async Task Model_output_is_sanitised_and_attachments_show_as_chips_AC5_1()
    {
        var record = new ConversationRecord
        {
            Id = Guid.NewGuid(), Title = "<img src=x onerror=alert(1)>", WorkspaceId = Guid.NewGuid(), CourseId = Guid.NewGuid(),
            CourseCode = "X", Owner = "O", SystemPrompt = "", CreatedAt = SampleData.Instant, ExportedAt = SampleData.Instant,
            Messages =
            [
                new MessageRecord
                {
                    Id = Guid.NewGuid(), Sequence = 0, Role = "assistant", Content = "x", Status = "complete", CreatedAt = SampleData.Instant,
                    Model = "m\" onmouseover=\"alert(1)", Attachments = [new AttachmentRecord("notes.pdf", 2048)],
                },
            ],
        };
        // A renderer that lets hostile HTML through: the document allow-list must still hold.
        var html = ConversationHtml.Build(record, new HostileMarkdown());

        using var parsed = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var elements = parsed.Body!.QuerySelectorAll("*");
        Assert.Empty(parsed.QuerySelectorAll("script, img, iframe, object"));
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("m\" onmouseover=\"alert(1)", parsed.QuerySelector("section")!.GetAttribute("data-model"));
        Assert.Contains("<li class=\"chip\">notes.pdf (2 KB)</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_exporting_after_an_edit_makes_a_new_version_and_leaves_the_annotated_one_alone_AC5_1()
    {
        var answer = await SendAsync("Hello", scenario.SwiftSettings());
        var first = await Documents.AnnotateConversationAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        var same = await Documents.AnnotateConversationAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        Assert.Equal(first.Id, same.Id);

        await using (var db = Db.CreateContext())
        {
            var message = await db.PlaygroundMessages.SingleAsync(m => m.Id == answer.Id, Ct);
            message.Edit("An edited answer.", SampleData.Instant);
            await db.SaveChangesAsync(Ct);
        }

        var second = await Documents.AnnotateConversationAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        Assert.Equal(2, second.Version);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Contains("An edited answer.", second.TextContent, StringComparison.Ordinal);
        var reread = (await Documents.OpenAsync(scenario.Student.Id, first.WorkspaceId, first.Id, Ct)).Document;
        Assert.Equal(first.HtmlContent, reread.HtmlContent);
        Assert.Equal([2, 1], (await Documents.VersionsAsync(scenario.Student.Id, scenario.Conversation.Id, Ct)).Select(d => d.Version));
    }

    [Fact]
    public async Task Only_owner_and_editors_export_and_strangers_see_nothing_AC8_6()
    {
        await SendAsync("Hello", scenario.SwiftSettings());
        var stranger = await Assert.ThrowsAsync<AnnotationRefusedException>(() => Documents.AnnotateConversationAsync(scenario.Classmate.Id, scenario.Conversation.Id, Ct));
        Assert.Equal(RefusalKind.NotFound, stranger.Kind);
        var staff = await Assert.ThrowsAsync<AnnotationRefusedException>(() => Documents.AnnotateConversationAsync(scenario.Instructor.Id, scenario.Conversation.Id, Ct));
        Assert.Equal(RefusalKind.Forbidden, staff.Kind);
        await using (var db = Db.CreateContext())
        {
            Assert.False(await db.WorkspaceDocuments.AnyAsync(Ct));
        }

        var document = await Documents.AnnotateConversationAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Documents.OpenAsync(scenario.Classmate.Id, document.WorkspaceId, document.Id, Ct));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Documents.OpenAsync(scenario.Student.Id, Guid.NewGuid(), document.Id, Ct));
        var instructorView = await Documents.OpenAsync(scenario.Instructor.Id, document.WorkspaceId, document.Id, Ct);
        Assert.Equal((true, false, true), (instructorView.Rights.CanRead, instructorView.Rights.CanAnnotate, instructorView.Rights.CanComment));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Db.Get<ConversationExports>().ConversationAsync(scenario.Classmate.Id, scenario.Conversation.Id, ExportFormat.Json, Ct));
    }

    [Fact]
    public async Task Tags_are_cloned_on_first_use_per_workspace_and_only_annotators_change_them()
    {
        var workspaceId = scenario.Conversation.WorkspaceId;
        var tags = await Tags.ListAsync(scenario.Student.Id, workspaceId, Ct);
        Assert.Equal(AnnotationTags.Defaults.Select(d => d.Name), tags.Select(t => t.Name));
        Assert.Equal(tags.Select(t => t.Id), (await Tags.ListAsync(scenario.Instructor.Id, workspaceId, Ct)).Select(t => t.Id));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Tags.ListAsync(scenario.Classmate.Id, workspaceId, Ct));

        var created = await Tags.CreateAsync(scenario.Student.Id, workspaceId, "Needs source", "#123ABC", "Cite it", Ct);
        Assert.Equal(("#123abc", tags.Count), (created.Colour, created.SortOrder));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Tags.CreateAsync(scenario.Student.Id, workspaceId, "needs SOURCE", "#123abc", null, Ct));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Tags.CreateAsync(scenario.Student.Id, workspaceId, "Bad colour", "red", null, Ct));
        var staff = await Assert.ThrowsAsync<AnnotationRefusedException>(() => Tags.CreateAsync(scenario.Instructor.Id, workspaceId, "Mine", "#000000", null, Ct));
        Assert.Equal(RefusalKind.Forbidden, staff.Kind);
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Tags.DeleteAsync(scenario.Instructor.Id, created.Id, Ct));

        await Tags.DeleteAsync(scenario.Student.Id, created.Id, Ct);
        Assert.Equal(tags.Count, (await Tags.ListAsync(scenario.Student.Id, workspaceId, Ct)).Count);
    }

    [Fact]
    public async Task Highlights_anchor_to_the_servers_text_and_follow_the_rights_AC8_6()
    {
        await SendAsync("Tell me about the sky 🌅 and émigrés", scenario.SwiftSettings());
        var document = await Documents.AnnotateConversationAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        var tags = await Tags.ListAsync(scenario.Student.Id, document.WorkspaceId, Ct);
        var text = document.TextContent;
        var quote = "sky 🌅 and";
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        Assert.True(start > 0);
        Assert.Equal(10, quote.Length); // UTF-16 code units: the emoji counts 2

        var made = await Highlights.CreateAsync(scenario.Student.Id, document.Id, start, start + quote.Length, quote, tags[0].Id, " Check this ", Ct);
        Assert.Equal("Check this", Assert.Single(made.Comments).Text);
        var wrong = await Assert.ThrowsAsync<AnnotationRefusedException>(() => Highlights.CreateAsync(scenario.Student.Id, document.Id, start + 1, start + 1 + quote.Length, quote, tags[0].Id, null, Ct));
        Assert.Equal(RefusalKind.Invalid, wrong.Kind);
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Highlights.CreateAsync(scenario.Student.Id, document.Id, text.Length - 1, text.Length + 5, "x", tags[0].Id, null, Ct));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Highlights.CreateAsync(scenario.Student.Id, document.Id, start, start + quote.Length, quote, Guid.NewGuid(), null, Ct));
        var staff = await Assert.ThrowsAsync<AnnotationRefusedException>(() => Highlights.CreateAsync(scenario.Instructor.Id, document.Id, start, start + quote.Length, quote, tags[0].Id, null, Ct));
        Assert.Equal(RefusalKind.Forbidden, staff.Kind);
        var stranger = await Assert.ThrowsAsync<AnnotationRefusedException>(() => Highlights.CreateAsync(scenario.Classmate.Id, document.Id, start, start + quote.Length, quote, tags[0].Id, null, Ct));
        Assert.Equal(RefusalKind.NotFound, stranger.Kind);

        // Staff comment; a viewer member reads but does not comment; strangers see nothing.
        await Highlights.CommentAsync(scenario.Instructor.Id, made.Id, "Good catch", Ct);
        await scenario.AddMemberAsync(scenario.Classmate, WorkspacePermission.Viewer);
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Highlights.CommentAsync(scenario.Classmate.Id, made.Id, "Me too", Ct));
        var listed = Assert.Single(await Highlights.ListAsync(scenario.Classmate.Id, document.Id, Ct));
        Assert.Equal((quote, tags[0].Name, true), (listed.Quote, listed.TagName, listed.IsAnchored));
        Assert.Equal(["Check this", "Good catch"], listed.Comments.Select(c => c.Text));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Highlights.DeleteAsync(scenario.Classmate.Id, made.Id, Ct));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => Highlights.DeleteAsync(scenario.Instructor.Id, made.Id, Ct));

        // A broken anchor (offsets moved under it) is detected.
        await using (var db = Db.CreateContext())
        {
            await db.Highlights.ExecuteUpdateAsync(s => s.SetProperty(h => h.StartOffset, h => h.StartOffset + 1), Ct);
        }

        Assert.False(Assert.Single(await Highlights.ListAsync(scenario.Student.Id, document.Id, Ct)).IsAnchored);
        await Highlights.DeleteAsync(scenario.Student.Id, made.Id, Ct);
        Assert.Empty(await Highlights.ListAsync(scenario.Student.Id, document.Id, Ct));
    }

    [Fact]
    public async Task Markdown_and_json_exports_carry_what_the_page_shows_X8()
    {
        var answer = await SendAsync("Why is the sky blue?", scenario.ThinkerSettings());
        var exports = Db.Get<ConversationExports>();
        var md = await exports.ConversationAsync(scenario.Student.Id, scenario.Conversation.Id, ExportFormat.Markdown, Ct);
        Assert.StartsWith("---\nschema: \"grimoire.conversation/v1\"\n", md.Content, StringComparison.Ordinal);
        Assert.Contains("## System prompt\n\nAnswer <b>briefly</b> 🙂", md.Content, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Thinking</summary>", md.Content, StringComparison.Ordinal);
        Assert.Contains($"{answer.InputTokens} in · {answer.OutputTokens} out", md.Content, StringComparison.Ordinal);

        var json = await exports.ConversationAsync(scenario.Instructor.Id, scenario.Conversation.Id, ExportFormat.Json, Ct);
        var record = ConversationRecord.FromJson(json.Content);
        Assert.Equal(ConversationRecord.Schema, record.SchemaId);
        var exported = record.Messages.Single(m => m.Id == answer.Id);
        Assert.Equal((answer.Content, answer.Thinking, answer.Model, answer.OutputTokens, answer.Cost), (exported.Content, exported.Thinking, exported.Model, exported.OutputTokens, exported.Cost));
        Assert.Contains("\"input_tokens\"", json.Content, StringComparison.Ordinal);

        var document = await Documents.AnnotateConversationAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        var tags = await Tags.ListAsync(scenario.Student.Id, document.WorkspaceId, Ct);
        var start = document.TextContent.IndexOf("sky", StringComparison.Ordinal);
        await Highlights.CreateAsync(scenario.Student.Id, document.Id, start, start + 3, "sky", tags[1].Id, "Nice", Ct);
        var annotated = await exports.DocumentAsync(scenario.Student.Id, document.WorkspaceId, document.Id, ExportFormat.Markdown, Ct);
        Assert.Contains("## Annotations\n\n1. **Good reasoning** (", annotated.Content, StringComparison.Ordinal);
        Assert.Contains("   - " + scenario.Student.DisplayName + ": Nice", annotated.Content, StringComparison.Ordinal);
        var annotatedJson = await exports.DocumentAsync(scenario.Student.Id, document.WorkspaceId, document.Id, ExportFormat.Json, Ct);
        Assert.Contains("\"schema\": \"grimoire.annotated-document/v1\"", annotatedJson.Content, StringComparison.Ordinal);
        Assert.Contains("\"quote\": \"sky\"", annotatedJson.Content, StringComparison.Ordinal);
    }

    private sealed class HostileMarkdown : IMarkdownHtml
    {
        public string ToSafeHtml(string markdown) =>
            "<script>alert(1)</script><a href=\"javascript:alert(1)\">x</a><p onclick=\"alert(1)\">" + markdown + "</p>";
    }
}

public sealed class AnnotationTestsOnSqlite : AnnotationTests<SqliteTestDatabase>;

public sealed class AnnotationTestsOnPostgres : AnnotationTests<PostgresTestDatabase>;
