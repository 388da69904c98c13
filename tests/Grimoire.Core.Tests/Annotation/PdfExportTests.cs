using Grimoire.Core.Annotation;
using Grimoire.Core.Annotation.Exports;
using Grimoire.Core.Annotation.Pdf;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Grimoire.Core.Tests.Annotation;

/// <summary>
/// PDF exports (X8) printed by the real Chromium (<c>/usr/bin/chromium</c>) and read back with PdfPig: the speakers,
/// the thinking, a highlight's quote with its number, and its tag and comments as endnotes.
/// </summary>
public abstract class PdfExportTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    [Fact]
    public async Task The_annotated_document_prints_with_its_highlights_tags_and_comments_X8()
    {
        var answer = await scenario.SendAndWaitAsync("Why is the sky blue?", scenario.ThinkerSettings());
        var document = await Db.Get<AnnotationDocuments>().AnnotateConversationAsync(scenario.Student.Id, scenario.Conversation.Id, Ct);
        var tags = await Db.Get<AnnotationTags>().ListAsync(scenario.Student.Id, document.WorkspaceId, Ct);
        // The end of the document is the answer's text (as rendered, so no Markdown marks).
        var start = document.TextContent.TrimEnd().Length - 30;
        var quote = document.TextContent[start..(start + 30)];
        Assert.Contains(quote.Trim(), answer.Content, StringComparison.Ordinal);
        var highlights = Db.Get<Highlights>();
        var made = await highlights.CreateAsync(scenario.Student.Id, document.Id, start, start + quote.Length, quote, tags[2].Id,
            "Where is the source?", Ct);
        await highlights.CommentAsync(scenario.Instructor.Id, made.Id, "Look at chapter 3", Ct);

        var exports = Db.Get<ConversationExports>();
        var file = await exports.DocumentAsync(scenario.Student.Id, document.WorkspaceId, document.Id, ExportFormat.Pdf, Ct);

        Assert.Equal("application/pdf", file.ContentType);
        Assert.EndsWith(".pdf", file.FileName, StringComparison.Ordinal);
        var text = TextOf(file.Bytes);
        Assert.Contains(Squeeze(scenario.Student.DisplayName), text, StringComparison.Ordinal);
        Assert.Contains("Assistant", text, StringComparison.Ordinal);
        Assert.Contains("Thinking", text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(answer.Thinking![..20]), text, StringComparison.Ordinal);
        Assert.Contains(Squeeze(quote) + "[1]", text, StringComparison.Ordinal);
        var notes = text[text.LastIndexOf("Annotations", StringComparison.Ordinal)..];
        Assert.Contains(Squeeze(tags[2].Name), notes, StringComparison.Ordinal);
        Assert.Contains(Squeeze("Where is the source?"), notes, StringComparison.Ordinal);
        Assert.Contains(Squeeze("Look at chapter 3"), notes, StringComparison.Ordinal);
        Assert.Contains(Squeeze(scenario.Instructor.DisplayName), notes, StringComparison.Ordinal);

        // A stranger gets nothing printed; the conversation prints without annotations.
        await Assert.ThrowsAsync<AnnotationRefusedException>(() =>
            exports.DocumentAsync(scenario.Classmate.Id, document.WorkspaceId, document.Id, ExportFormat.Pdf, Ct));
        var conversation = TextOf((await exports.ConversationAsync(scenario.Student.Id, scenario.Conversation.Id, ExportFormat.Pdf, Ct)).Bytes);
        Assert.Contains(Squeeze(quote), conversation, StringComparison.Ordinal);
        Assert.DoesNotContain("Annotations", conversation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Printing_loads_nothing_and_runs_no_script_X8()
    {
        // Hostile markup straight into the printer (the snapshot sanitiser is bypassed on purpose): scripts do not run,
        // and nothing is fetched, not even from a server that answers.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var prefix = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/";
        var hits = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                _ = Task.Run(async () =>
                {
                    // A request is counted when its first bytes arrive; a speculative preconnect sends none.
                    using (client)
                    {
                        var buffer = new byte[1];
                        if (await client.GetStream().ReadAsync(buffer) > 0)
                        {
                            Interlocked.Increment(ref hits);
                        }
                    }
                });
            }
        });
        var html = $"<!DOCTYPE html><html><head><link rel=stylesheet href=\"{prefix}style.css\"></head><body>"
            + $"<p id=p>static text</p><img src=\"{prefix}image.png\"><iframe src=\"{prefix}frame\"></iframe>"
            + "<script>document.getElementById('p').textContent = 'script ran';</script></body></html>";

        var pdf = await Db.Get<PdfPrinter>().PrintAsync(html, Ct);

        var text = TextOf(pdf);
        Assert.Contains(Squeeze("static text"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Squeeze("script ran"), text, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref hits));
    }

    /// <summary>
    /// The PDF's letters: PdfPig gives each page's letters without the spaces between words, so spaces are dropped on
    /// both sides, and the font's ligatures ("ﬁ") are read back as their letters (NFKC).
    /// </summary>
    internal static string TextOf(byte[] pdf)
    {
        using var read = PdfDocument.Open(pdf);
        return Squeeze(string.Concat(read.GetPages().Select(p => p.Text)).Normalize(System.Text.NormalizationForm.FormKC));
    }

    internal static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);
}

public sealed class PdfExportTestsOnSqlite : PdfExportTests<SqliteTestDatabase>;

public sealed class PdfExportTestsOnPostgres : PdfExportTests<PostgresTestDatabase>;
