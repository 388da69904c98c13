using Bunit;
using Grimoire.Web.Features.Playground.Messages;
using MudBlazor;

namespace Grimoire.Web.Tests.Features.Playground.Messages;

public sealed class RequestJsonDialogTests : MessageComponentTest
{
    [Fact]
    public void View_request_shows_the_url_and_the_json_pretty_printed()
    {
        var message = Assistant();
        var host = Render<MudDialogProvider>();
        var card = Render<MessageCard>(p => p.Add(x => x.Message, message));

        card.Find("[data-testid=view-request]").Click();

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=request-json]")));
        Assert.Equal(message.RequestUrl, host.Find("[data-testid=request-url]").TextContent);
        var shown = host.Find("[data-testid=request-json]").TextContent;
        Assert.Equal(RequestJsonDisplay.Indent(message.RequestJson), shown);
        Assert.Contains("\n  \"model\": \"simulated/sonnet\"", shown, StringComparison.Ordinal);
        Assert.Contains("café “hi”", shown, StringComparison.Ordinal);
        Assert.Contains("0.70", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_in_the_dialog_gives_the_exact_recorded_bytes_not_the_pretty_print()
    {
        var module = JSInterop.SetupModule("./js/message-actions.js");
        module.Setup<bool>("copyText", _ => true).SetResult(true);
        var message = Assistant() with { RequestJson = """{"a":1,  "b":"caf\u00e9"}""" };
        var host = Render<MudDialogProvider>();
        var card = Render<MessageCard>(p => p.Add(x => x.Message, message));

        card.Find("[data-testid=view-request]").Click();
        host.WaitForElement("[data-testid=dialog-copy-request]").Click();

        Assert.Equal(message.RequestJson, module.VerifyInvoke("copyText").Arguments[0]);
    }

    [Fact]
    public void Indent_keeps_numbers_as_written_and_returns_null_for_non_json()
    {
        Assert.Equal("{\n  \"t\": 0.70,\n  \"n\": [\n    1e3\n  ]\n}", RequestJsonDisplay.Indent("""{"t":0.70,"n":[1e3]}""")?.ReplaceLineEndings("\n"));
        Assert.Null(RequestJsonDisplay.Indent("not json {"));
        Assert.Null(RequestJsonDisplay.Indent(null));
    }
}
