using Bunit;
using Grimoire.Web.Features.Playground.Messages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Grimoire.Web.Tests.Features.Playground.Messages;

/// <summary>AC6.3: the choice of settings, and for a middle answer the warning and the offer to branch instead.</summary>
public sealed class RegenerateDialogTests : MessageComponentTest
{
    [Fact]
    public async Task AC6_3_The_last_answer_regenerates_with_the_current_settings_by_default_and_no_branch_is_offered()
    {
        var (host, result) = await ShowAsync(later: 0, original: "Simulated Thinker, max 1,024 tokens");

        Assert.Empty(host.FindAll("[data-testid=regenerate-later]"));
        Assert.Empty(host.FindAll("[data-testid=regenerate-branch]"));
        host.Find("[data-testid=regenerate-confirm]").Click();

        Assert.Equal(new RegenerateChoice(UseOriginalSettings: false, Branch: false), (await result)!.Data);
    }

    [Fact]
    public async Task AC6_3_A_middle_answer_says_what_happens_to_later_messages_and_offers_a_branch_with_the_original_settings()
    {
        var (host, result) = await ShowAsync(later: 3, original: "Simulated Thinker, max 1,024 tokens");

        Assert.Contains("3 later messages stay as they are", host.Find("[data-testid=regenerate-later]").TextContent, StringComparison.Ordinal);
        host.Find("input[data-testid=regenerate-original]").Click();
        host.Find("[data-testid=regenerate-branch]").Click();

        Assert.Equal(new RegenerateChoice(UseOriginalSettings: true, Branch: true), (await result)!.Data);
    }

    [Fact]
    public async Task AC6_3_Original_settings_cannot_be_chosen_when_they_are_not_known()
    {
        var (host, _) = await ShowAsync(later: 0, original: null);

        Assert.Contains("The ones it was made with (not known)", host.Find("[data-testid=regenerate-dialog]").TextContent, StringComparison.Ordinal);
        Assert.True(host.Find("input[data-testid=regenerate-original]").HasAttribute("disabled"));
        Assert.False(host.Find("input[data-testid=regenerate-current]").HasAttribute("disabled"));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Host, Task<DialogResult?> Result)> ShowAsync(int later, string? original)
    {
        var host = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<RegenerateDialog>
        {
            { d => d.LaterMessages, later },
            { d => d.CurrentDescription, "Simulated Swift, temperature 0.7" },
            { d => d.OriginalDescription, original },
        };
        var reference = await host.InvokeAsync(() => dialogs.ShowAsync<RegenerateDialog>("Regenerate", parameters));
        host.WaitForElement("[data-testid=regenerate-dialog]");
        return (host, reference.Result);
    }
}
