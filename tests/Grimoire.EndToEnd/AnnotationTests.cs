using Grimoire.Core.Annotation.Snapshot;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.DemoPages;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 11 in a real browser: a student annotates a conversation (AC5.1–AC5.3), highlights two passages with
/// different tags, comments, reloads and finds them; a classmate is refused (AC8.6); the instructor reads; hostile
/// model output stays inert; the browser's offsets agree with the server's on fixtures (UTF-16 code units).
/// </summary>
public sealed class AnnotationTests : IClassFixture<BrowserApp>
{
    private const string First = "Rayleigh scattering makes the sky blue";
    private const string Second = "sunsets glow red 🌅 for émigrés";

    private static readonly string[] Payloads =
    [
        "<script>window.__xss = 1</script>",
        "<img src=x onerror=\"window.__xss = 2\">",
        "[click](javascript:window.__xss=3)",
        "<details open ontoggle=\"window.__xss = 4\">x</details>",
        "<svg onload=\"window.__xss = 5\"></svg>",
    ];

    private readonly BrowserApp app;

    public AnnotationTests(BrowserApp app) => this.app = app;

    [Fact]
    public async Task A_student_annotates_a_conversation_a_classmate_is_refused_and_the_instructor_reads_AC5_1_AC5_2_AC5_3_AC8_6_X8()
    {
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await SignInAsync(page, "sam");
        await PlaygroundReadyAsync(page);
        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync("Why is the sky blue?");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").First;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });

        // The model's answer, as stored: two passages to annotate and a corpus of hostile markup.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync())
        {
            var message = await db.PlaygroundMessages.Where(m => m.Role == MessageRole.Assistant)
                .OrderByDescending(m => m.CreatedAt).FirstAsync();
            message.Edit($"{First}, and {Second}.\n\n" + string.Join("\n\n", Payloads), DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await page.Locator("[data-testid=annotate-menu] button").First.ClickAsync();
        await page.Locator("[data-testid=annotate-conversation]").ClickAsync();
        await page.WaitForURLAsync("**/workspaces/*/documents/*");
        var documentUrl = new Uri(page.Url).AbsolutePath;
        var document = page.Locator("[data-testid=annotation-document]");
        await Assertions.Expect(document.Locator("section[data-role=assistant] .speaker")).ToHaveTextAsync("Assistant");
        await Assertions.Expect(document.Locator("section[data-role=assistant]")).ToHaveAttributeAsync("data-tokens-out", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        await Assertions.Expect(document.Locator("section[data-role=user] .speaker")).ToHaveTextAsync("Sam Okafor");
        await Assertions.Expect(document).ToHaveAttributeAsync("data-attached", "true");

        await SelectAsync(page, First);
        await Assertions.Expect(page.Locator("[data-testid=highlight-menu]")).ToBeVisibleAsync();
        await page.Locator("input[data-testid=highlight-comment]").FillAsync("Is this the whole story?");
        await page.Locator("[data-testid=highlight-tag][data-tag='Unsupported claim']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=highlight-card]")).ToHaveCountAsync(1);

        await SelectAsync(page, Second);
        await Assertions.Expect(page.Locator("[data-testid=highlight-menu]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("2"); // the second tag: Good reasoning
        await Assertions.Expect(page.Locator("[data-testid=highlight-card]")).ToHaveCountAsync(2);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=annotation-root][data-interactive=true]")).ToHaveCountAsync(1);
        var cards = page.Locator("[data-testid=highlight-card]");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(cards.Nth(0).Locator("[data-testid=highlight-tag-name]")).ToHaveTextAsync("Unsupported claim");
        await Assertions.Expect(cards.Nth(0).Locator("[data-testid=highlight-comment-text]")).ToContainTextAsync("Is this the whole story?");
        await Assertions.Expect(cards.Nth(1).Locator("[data-testid=highlight-tag-name]")).ToHaveTextAsync("Good reasoning");
        await Assertions.Expect(cards.Nth(1).Locator("[data-testid=highlight-quote]")).ToContainTextAsync(Second);
        await Assertions.Expect(document).ToHaveAttributeAsync("data-painted", "2");
        Assert.Equal("highlight-api", await document.GetAttributeAsync("data-paint-mode"));
        Assert.Equal(2, await page.EvaluateAsync<int>("() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0)"));

        // Hostile model output is text, never markup that runs.
        Assert.Equal(0, await document.Locator("script, img, svg, iframe, [onerror], [onload], [ontoggle], a[href^='javascript']").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
        Assert.Equal(0, dialogs);
        await Assertions.Expect(document).ToContainTextAsync("<script>window.__xss = 1</script>");

        var markdown = await context.APIRequest.GetAsync(documentUrl + "/export.md");
        Assert.Equal(200, markdown.Status);
        var text = await markdown.TextAsync();
        Assert.Contains("## Annotations", text, StringComparison.Ordinal);
        Assert.Contains("Is this the whole story?", text, StringComparison.Ordinal);
        var json = await context.APIRequest.GetAsync(documentUrl + "/export.json");
        Assert.Equal(200, json.Status);
        var jsonText = await json.TextAsync();
        Assert.Contains("\"schema\": \"grimoire.annotated-document/v1\"", jsonText, StringComparison.Ordinal);
        Assert.Contains("\"tag_name\": \"Unsupported claim\"", jsonText, StringComparison.Ordinal);

        // The annotated PDF, downloaded from the page as a person would: the speakers, the marked quote with its number,
        // the tag and the comment as an endnote (X8).
        var download = await page.RunAndWaitForDownloadAsync(
            () => page.Locator("[data-testid=document-export-pdf]").ClickAsync(), new() { Timeout = BrowserApp.AnswerTimeoutMs });
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var pdf = PdfText(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains(Squeeze("Sam Okafor"), pdf, StringComparison.Ordinal);
        Assert.Contains(Squeeze("Assistant"), pdf, StringComparison.Ordinal);
        Assert.Contains(Squeeze(First), pdf, StringComparison.Ordinal);
        // Known gap (issue 11): the in-text note number "[1]" is missing from the page's PDF, though the Core test finds it.
        var notes = pdf[pdf.LastIndexOf("Annotations", StringComparison.Ordinal)..];
        Assert.Contains(Squeeze("Unsupported claim"), notes, StringComparison.Ordinal);
        Assert.Contains(Squeeze("Is this the whole story?"), notes, StringComparison.Ordinal);
        Assert.Contains(Squeeze("Good reasoning"), notes, StringComparison.Ordinal);
        // The hostile corpus printed as text too.
        Assert.Contains(Squeeze("<script>window.__xss = 1</script>"), pdf, StringComparison.Ordinal);

        // A classmate without access is refused, page and download alike.
        var (other, otherPage, _) = await app.NewPageAsync();
        await using (other)
        {
            await SignInAsync(otherPage, "priya");
            var response = await otherPage.GotoAsync(documentUrl);
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(otherPage.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
            await Assertions.Expect(otherPage.Locator("[data-testid=annotation-document]")).ToHaveCountAsync(0);
            Assert.Equal(404, (await other.APIRequest.GetAsync(documentUrl + "/export.json")).Status);
        }

        // The instructor reads every workspace of the course: the document and its highlights, read-only.
        var (staff, staffPage, _) = await app.NewPageAsync();
        await using (staff)
        {
            await SignInAsync(staffPage, "instructor");
            await staffPage.GotoAsync(documentUrl);
            await Assertions.Expect(staffPage.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
            await Assertions.Expect(staffPage.Locator("[data-testid=highlight-card]")).ToHaveCountAsync(2);
            await Assertions.Expect(staffPage.Locator("[data-testid=tag-toolbar]")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Browser_and_server_offsets_agree_on_every_fixture_in_utf16_code_units()
    {
        string[] fixtures =
        [
            "<p>plain ascii</p>",
            "<section><h2 class=\"speaker\">Zoë</h2><p>naïve café — “quotes” 🌅🙂 and 👩‍👩‍👧 family</p></section>",
            "<pre><code>\nline one\n  indented 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\n</code></pre><p>after</p>",
            "<details class=\"thinking\"><summary>Thinking</summary><div class=\"body\"><p>hidden 思考</p></div></details><p>shown</p>",
            "<table><tr><td>a</td><td>b ✓</td></tr></table><ul><li>one</li><li>two &amp; &lt;three&gt;</li></ul>",
            ConversationHtml.Build(new ConversationRecord
            {
                Id = Guid.NewGuid(), Title = "Emoji 🧪 title", WorkspaceId = Guid.NewGuid(), CourseId = Guid.NewGuid(), CourseCode = "C",
                Owner = "O", SystemPrompt = "Be terse 🙂", CreatedAt = DateTime.UtcNow, ExportedAt = DateTime.UtcNow,
                Messages = [new MessageRecord { Id = Guid.NewGuid(), Sequence = 0, Role = "assistant", Content = "Ünïcödé answer 🌍", Thinking = "hmm 🤔", Model = "m", InputTokens = 1, Status = "complete", CreatedAt = DateTime.UtcNow }],
            }, new PlainTextMarkdownHtml()),
        ];
        var (context, page, _) = await app.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync("/account/signin");
        foreach (var html in fixtures)
        {
            var server = DocumentHtml.TextOf(html);
            var browser = await page.EvaluateAsync<string[]>(
                """
                async ([html, spans]) => {
                  const m = await import('/js/annotation.js');
                  const root = document.createElement('div');
                  root.innerHTML = html;
                  document.body.append(root);
                  const out = [m.textOf(root)];
                  for (let i = 0; i < spans.length; i += 2) {
                    const range = m.rangeFor(root, spans[i], spans[i + 1]);
                    const back = m.offsetsOfRange(root, range);
                    out.push(range.toString() + '|' + back.start + '|' + back.end);
                  }
                  root.remove();
                  return out;
                }
                """, new object[] { html, Spans(server) });
            Assert.Equal(server, browser[0]);
            var spans = Spans(server);
            for (var i = 0; i < spans.Length; i += 2)
            {
                Assert.Equal($"{server[spans[i]..spans[i + 1]]}|{spans[i]}|{spans[i + 1]}", browser[1 + (i / 2)]);
            }
        }
    }

    /// <summary>The PDF's letters without spaces (PdfPig reads words without them) and with ligatures as letters.</summary>
    private static string PdfText(byte[] pdf)
    {
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return Squeeze(string.Concat(read.GetPages().Select(p => p.Text)).Normalize(System.Text.NormalizationForm.FormKC));
    }

    private static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    /// <summary>Spans that start and end around every non-ASCII character, and the whole text.</summary>
    private static int[] Spans(string text)
    {
        var spans = new List<int> { 0, text.Length };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127 && !char.IsLowSurrogate(text[i]))
            {
                // A selection never splits a surrogate pair (and a lone surrogate does not survive the trip as JSON).
                var start = Math.Max(0, i - 2);
                start -= start > 0 && char.IsLowSurrogate(text[start]) ? 1 : 0;
                var end = Math.Min(text.Length, i + (char.IsHighSurrogate(text[i]) ? 2 : 1) + 3);
                end += end < text.Length && char.IsLowSurrogate(text[end]) ? 1 : 0;
                spans.AddRange([start, end]);
            }
        }

        return [.. spans];
    }

    /// <summary>Selects the first occurrence of <paramref name="quote"/> in the document as a person would, and lets go of the mouse.</summary>
    private static async Task SelectAsync(IPage page, string quote) => await page.EvaluateAsync(
        """
        async (quote) => {
          const m = await import('/js/annotation.js');
          const root = document.querySelector('[data-testid=annotation-document]');
          const start = root.textContent.indexOf(quote);
          const range = m.rangeFor(root, start, start + quote.length);
          const selection = document.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        }
        """, quote);
}
