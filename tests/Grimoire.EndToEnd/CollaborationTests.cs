using System.Text.RegularExpressions;
using Grimoire.Core.Demo;
using Grimoire.EndToEnd.Infrastructure;
using Grimoire.Llm;
using Grimoire.Web.Features.Playground.Session;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// Issue 12 in Chromium with two browser contexts: Alex shares a conversation with Priya through the Share dialog
/// (AC8.1), both write into it and see each other's messages with names and the other's answer streaming live
/// (AC8.2, AC8.3: the request JSON carries both first names as sent), the second of two edits of one message is
/// refused naming who changed it (item 6), and revoking Priya turns her open page away at once (AC8.6).
/// </summary>
public sealed partial class CollaborationTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private GrimoireProvidersOptions Providers => app.Services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value;

    private static ILocator Cards(IPage page, string role) => page.Locator($"[data-testid=message-card][data-role={role}]");

    private static async Task SendAsync(IPage page, string text)
    {
        var input = page.Locator("[data-testid=composer-input]");
        await Assertions.Expect(input).ToBeEnabledAsync();
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    [Fact]
    public async Task AC8_1_AC8_2_AC8_3_AC8_6_two_students_share_one_conversation_live_with_names_conflicts_and_revocation()
    {
        var (alexContext, alex, _) = await app.NewPageAsync();
        await using var _ = alexContext;
        await DemoPages.SignInAsync(alex, "alex");
        await DemoPages.PlaygroundReadyAsync(alex);
        await DemoPages.PickModelAsync(alex, "Simulated Swift");
        await SendAsync(alex, "Alex asks: what is a river delta?");
        await Assertions.Expect(Cards(alex, "assistant").Last).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(alex).ToHaveURLAsync(ConversationAddress());
        var address = new Uri(alex.Url).AbsolutePath;

        // AC8.1: invited by address, as editor (the dialog's default).
        await alex.Locator("[data-testid=share-open]").ClickAsync();
        await alex.Locator("[data-testid=share-email]").FillAsync("priya@" + DemoData.Domain);
        await alex.Locator("[data-testid=share-invite]").ClickAsync();
        await Assertions.Expect(alex.Locator("[data-testid=share-member][data-name='Priya Sharma']")).ToHaveAttributeAsync("data-role", "Editor");
        await alex.Locator("[data-testid=share-close]").ClickAsync();
        await Assertions.Expect(alex.Locator("[data-testid=conversation-shared]")).ToContainTextAsync("Priya Sharma");

        var (priyaContext, priya, _) = await app.NewPageAsync();
        await using var __ = priyaContext;
        await DemoPages.SignInAsync(priya, "priya");
        await DemoPages.PlaygroundReadyAsync(priya);
        await Assertions.Expect(priya.Locator("[data-testid=conversation-shared]")).ToContainTextAsync("Alex Rivera");
        await priya.GotoAsync(address);
        await DemoPages.PlaygroundReadyAsync(priya);
        await Assertions.Expect(Cards(priya, "user").First.Locator("[data-testid=message-author]")).ToHaveTextAsync("Alex Rivera");
        await Assertions.Expect(alex.Locator("[data-testid=presence]")).ToContainTextAsync("Priya Sharma");
        await DemoPages.PickModelAsync(priya, "Simulated Swift");

        // AC8.2: Priya's answer streams on Alex's page too, and his box says who asked; what he types meanwhile stays.
        Providers.Simulated.DelayMs = 400;
        try
        {
            await SendAsync(priya, "Priya asks: and an estuary?");
            await Assertions.Expect(Cards(alex, "user").Last.Locator("[data-testid=message-author]")).ToHaveTextAsync("Priya Sharma");
            await Assertions.Expect(Cards(alex, "assistant").Last).ToHaveAttributeAsync("data-status", "streaming");
            await Assertions.Expect(alex.Locator("[data-testid=composer-busy]")).ToContainTextAsync("Priya Sharma asked for this answer");
            await alex.Locator("[data-testid=composer-input]").FillAsync("Alex's next thought");
            await Assertions.Expect(priya.Locator("[data-testid=presence]")).ToContainTextAsync("Alex Rivera is typing");
        }
        finally
        {
            Providers.Simulated.DelayMs = 0;
        }

        await Assertions.Expect(Cards(alex, "assistant").Last).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(Cards(priya, "assistant").Last).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = BrowserApp.AnswerTimeoutMs });
        await Assertions.Expect(alex.Locator("[data-testid=composer-input]")).ToHaveValueAsync("Alex's next thought");
        await Assertions.Expect(Cards(alex, "assistant").Last.Locator("[data-testid=message-content]")).ToContainTextAsync("simulated answer");
        await Assertions.Expect(Cards(priya, "assistant").Last.Locator("[data-testid=message-content]")).ToContainTextAsync("simulated answer");

        // AC8.3: the request that answered Priya named both speakers, as sent.
        await Cards(alex, "assistant").Last.Locator("[data-testid=view-request]").ClickAsync();
        var json = alex.Locator("[data-testid=request-json]");
        await Assertions.Expect(json).ToContainTextAsync(NameField("Alex"));
        await Assertions.Expect(json).ToContainTextAsync(NameField("Priya"));
        await alex.Keyboard.PressAsync("Escape");
        await Assertions.Expect(alex.Locator("[data-testid=request-dialog]")).ToHaveCountAsync(0);

        // Item 6: both edit the first question; Alex saves first, Priya's save is refused naming him, her draft stays.
        await Cards(alex, "user").First.Locator("[data-testid=edit-message]").ClickAsync();
        await Cards(priya, "user").First.Locator("[data-testid=edit-message]").ClickAsync();
        await Cards(alex, "user").First.Locator("[data-testid=edit-input]").FillAsync("Alex asks: what is a delta, exactly?");
        await Cards(priya, "user").First.Locator("[data-testid=edit-input]").FillAsync("Priya's version of the question");
        await Cards(alex, "user").First.Locator("[data-testid=edit-save]").ClickAsync();
        await Assertions.Expect(Cards(alex, "user").First.Locator("[data-testid=message-content]")).ToContainTextAsync("what is a delta, exactly?");
        await Cards(priya, "user").First.Locator("[data-testid=edit-save]").ClickAsync();
        await Assertions.Expect(Cards(priya, "user").First.Locator("[data-testid=edit-problem]")).ToContainTextAsync("changed meanwhile by Alex Rivera");
        await Assertions.Expect(Cards(priya, "user").First.Locator("[data-testid=edit-input]")).ToHaveValueAsync("Priya's version of the question");

        // AC8.6: Alex removes Priya; her open page leaves the conversation at once, with a sentence.
        await alex.Locator("[data-testid=share-open]").ClickAsync();
        await alex.Locator("[data-testid=share-member][data-name='Priya Sharma'] [data-testid=share-revoke]").ClickAsync();
        await Assertions.Expect(alex.Locator("[data-testid=share-member][data-name='Priya Sharma']")).ToHaveCountAsync(0);
        await Assertions.Expect(priya.Locator("[data-testid=notice]")).ToContainTextAsync(MembershipFollowing.Removed("Alex Rivera"));
        await Assertions.Expect(Cards(priya, "user")).ToHaveCountAsync(0);
        await Assertions.Expect(priya.Locator("[data-testid=conversation-shared]")).ToHaveCountAsync(0);
    }

    private static Regex NameField(string name) => new($"\"name\":\\s*\"{name}\"");

    [GeneratedRegex("/playground/[0-9a-f-]{36}$")]
    private static partial Regex ConversationAddress();
}
