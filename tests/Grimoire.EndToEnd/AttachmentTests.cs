using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using Grimoire.Core.Attachments;
using Grimoire.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Grimoire.EndToEnd.Infrastructure.DemoPages;

namespace Grimoire.EndToEnd;

/// <summary>
/// File attachments in the playground (issue 10, AC7.1–AC7.6), with the README's sample files, in real Chromium:
/// dropped and pasted files become chips with progress, go to Simulated Vision (which says what it got), stay on
/// the message after a reload and download only for someone who may read the workspace.
/// </summary>
public sealed partial class AttachmentTests(AttachmentBrowserApp app) : IClassFixture<AttachmentBrowserApp>
{
    private static readonly PageFile Csv = new("scores.csv", "text/csv", AttachmentBrowserApp.Sample("scores.csv"));
    private static readonly PageFile Pdf = new("reading.pdf", "application/pdf", AttachmentBrowserApp.Sample("reading.pdf"));
    private static readonly PageFile Png = new("chart.png", "image/png", AttachmentBrowserApp.Sample("chart.png"));

    [Fact]
    public async Task AC7_1_AC7_2_AC7_3_AC7_4_dropped_and_pasted_files_go_as_chips_to_the_vision_model_and_the_copied_request_holds_the_image()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await context.GrantPermissionsAsync(["clipboard-write"]);
        await context.AddInitScriptAsync("""
            const write = navigator.clipboard.writeText.bind(navigator.clipboard);
            navigator.clipboard.writeText = text => { window.__copied = text; return write(text); };
            """);
        await SignInAsync(page, "alex");
        await PlaygroundReadyAsync(page);
        await ComposerFiles.ReadyAsync(page);
        await PickModelAsync(page, "Simulated Vision");
        await Assertions.Expect(page.Locator("[data-testid=attach]")).ToHaveAttributeAsync("aria-disabled", "false");

        // A new student, no conversation yet: two files dropped, then an image pasted.
        await ComposerFiles.DropAsync(page, Csv, Pdf);
        foreach (var file in new[] { Csv, Pdf })
        {
            await ExpectStoredChipAsync(page, file);
        }

        await ComposerFiles.PasteAsync(page, Png);
        await ExpectStoredChipAsync(page, Png);
        await Assertions.Expect(page.Locator("[data-testid=composer-attachment]")).ToHaveCountAsync(3);

        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync("What do these files show?");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(page.Locator("[data-testid=composer-attachment]")).ToHaveCountAsync(0);

        // On the message: chips with name and size (not previews).
        var question = page.Locator("[data-testid=message-card][data-role=user]").Last;
        var chips = question.Locator("[data-testid=message-attachment]");
        await Assertions.Expect(chips).ToHaveCountAsync(3);
        foreach (var file in new[] { Csv, Pdf, Png })
        {
            await Assertions.Expect(chips.Filter(new() { HasText = file.Name })).ToContainTextAsync(Sizes.Format(file.Bytes.Length));
        }

        await Assertions.Expect(question.Locator("img")).ToHaveCountAsync(0);

        // The simulated model says what it received.
        var content = answer.Locator("[data-testid=message-content]");
        await Assertions.Expect(content).ToContainTextAsync("I received 3 attachment(s)");
        await Assertions.Expect(content).ToContainTextAsync($"scores.csv (text/csv, {Csv.Bytes.Length} bytes) as text");
        await Assertions.Expect(content).ToContainTextAsync($"reading.pdf (application/pdf, {Pdf.Bytes.Length} bytes) as text");
        await Assertions.Expect(content).ToContainTextAsync("chart.png (image/png");
        await Assertions.Expect(content).ToContainTextAsync("320×200 pixels");

        // The copied request holds the image whole, as an image_url data: part (AC7.4), and the PDF's text.
        await answer.Locator("[data-testid=copy-request]").ClickAsync();
        await page.WaitForFunctionAsync("() => window.__copied !== undefined");
        var copied = await page.EvaluateAsync<string>("() => window.__copied");
        Assert.Contains("\"type\":\"image_url\"", copied, StringComparison.Ordinal);
        var image = Convert.FromBase64String(ImagePart().Match(copied).Groups[1].Value);
        Assert.Equal((320, 200), (BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20))));
        Assert.Contains("Everything sent in one request must fit its context window.", copied, StringComparison.Ordinal);
        Assert.Contains("Ada,2,94", copied, StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task AC7_5_the_attach_button_is_disabled_with_its_reason_on_a_text_only_model_and_enabled_on_a_vision_model()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "sam");
        await PlaygroundReadyAsync(page);
        await PickModelAsync(page, "Simulated Swift");

        var attach = page.Locator("[data-testid=attach]");
        await Assertions.Expect(attach).ToHaveAttributeAsync("aria-disabled", "true");
        await Assertions.Expect(attach).ToHaveAttributeAsync("title", TurnAttachments.ModelTakesNone);
        await Assertions.Expect(page.Locator("[data-testid=attach-input]")).ToBeDisabledAsync();
        await attach.HoverAsync();
        await Assertions.Expect(page.Locator(".mud-tooltip", new() { HasText = TurnAttachments.ModelTakesNone })).ToBeVisibleAsync();

        await PickModelAsync(page, "Simulated Vision");
        await Assertions.Expect(attach).ToHaveAttributeAsync("aria-disabled", "false");
        await Assertions.Expect(page.Locator("[data-testid=attach-input]")).ToBeEnabledAsync();
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task AC7_6_an_over_size_file_is_refused_on_its_chip_and_the_rest_of_the_message_goes()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "priya");
        await PlaygroundReadyAsync(page);
        await ComposerFiles.ReadyAsync(page);
        await PickModelAsync(page, "Simulated Vision");
        var big = new PageFile("big.txt", "text/plain", Encoding.UTF8.GetBytes(new string('x', (int)AttachmentBrowserApp.MaxFileBytes + 1)));

        await ComposerFiles.DropAsync(page, big, Csv);

        var refused = ComposerFiles.Chip(page, big.Name);
        await Assertions.Expect(refused).ToHaveAttributeAsync("data-state", "refused");
        await Assertions.Expect(refused.Locator("[data-testid=composer-attachment-refusal]"))
            .ToHaveTextAsync(AttachmentUploads.FileTooLarge(AttachmentBrowserApp.MaxFileBytes));
        await ExpectStoredChipAsync(page, Csv);

        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync("Summarise the scores");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        var question = page.Locator("[data-testid=message-card][data-role=user]").Last;
        await Assertions.Expect(question).ToContainTextAsync("Summarise the scores");
        await Assertions.Expect(question.Locator("[data-testid=message-attachment]")).ToHaveCountAsync(1);
        await Assertions.Expect(question.Locator("[data-testid=message-attachment]")).ToContainTextAsync(Csv.Name);
        await Assertions.Expect(answer.Locator("[data-testid=message-content]")).ToContainTextAsync("I received 1 attachment(s)");
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task AC7_3_AC7_6_after_a_reload_the_chips_are_on_the_message_and_download_only_for_someone_who_may_read_the_workspace()
    {
        var (context, page, consoleErrors) = await app.NewPageAsync();
        await using var _ = context;
        await SignInAsync(page, "sam");
        await PlaygroundReadyAsync(page);
        await ComposerFiles.ReadyAsync(page);
        await PickModelAsync(page, "Simulated Vision");
        await ComposerFiles.DropAsync(page, Csv, Png);
        await ExpectStoredChipAsync(page, Csv);
        await ExpectStoredChipAsync(page, Png);
        var input = page.Locator("[data-testid=composer-input]");
        await input.FillAsync("Keep these for later");
        await input.PressAsync("Enter");
        var answer = page.Locator("[data-testid=message-card][data-role=assistant]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(page).ToHaveURLAsync(ConversationPage());

        await page.ReloadAsync();
        await PlaygroundReadyAsync(page);
        var chips = page.Locator("[data-testid=message-card][data-role=user] [data-testid=message-attachment]");
        await Assertions.Expect(chips).ToHaveCountAsync(2);
        var href = await HrefAsync(chips.Filter(new() { HasText = Csv.Name }));
        Assert.Matches(DownloadPath(), href);

        var mine = await context.APIRequest.GetAsync(href);
        Assert.Equal(200, mine.Status);
        Assert.Equal(Csv.Bytes, await mine.BodyAsync());
        var image = await context.APIRequest.GetAsync(await HrefAsync(chips.Filter(new() { HasText = Png.Name })));
        Assert.Equal(Png.Bytes, await image.BodyAsync());

        // Another student of the course may not read Sam's workspace: the same answer as for no file at all.
        var (otherContext, other, _) = await app.NewPageAsync();
        await using var __ = otherContext;
        await SignInAsync(other, "priya");
        var theirs = await otherContext.APIRequest.GetAsync(href);
        Assert.Equal(404, theirs.Status);
        Assert.Empty(consoleErrors);
    }

    private static async Task ExpectStoredChipAsync(IPage page, PageFile file)
    {
        var chip = ComposerFiles.Chip(page, file.Name);
        await Assertions.Expect(chip).ToHaveAttributeAsync("data-state", "stored");
        await Assertions.Expect(chip).ToHaveAttributeAsync("data-progress", "100");
        await Assertions.Expect(chip).ToContainTextAsync($"{file.Name} · {Sizes.Format(file.Bytes.Length)}");
    }

    private static async Task<string> HrefAsync(ILocator chip) =>
        await chip.EvaluateAsync<string>("el => el.getAttribute('href') ?? el.querySelector('a')?.getAttribute('href') ?? ''");

    [GeneratedRegex("data:image/png;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex ImagePart();

    [GeneratedRegex("/playground/[0-9a-f-]{36}")]
    private static partial Regex ConversationPage();

    [GeneratedRegex("^/attachments/[0-9a-f-]{36}$")]
    private static partial Regex DownloadPath();
}
