using Bunit;
using Grimoire.Core.Playground;
using Grimoire.Core.Refusals;
using Grimoire.Web.Components.Shared;
using Grimoire.Web.Refusals;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Grimoire.Web.Tests.Refusals;

/// <summary>Issue 16 item 3: a refusal inside an interactive region shows its sentence and a way back, never ending the circuit.</summary>
public sealed class RefusalBoundaryTests : BunitContext
{
    public RefusalBoundaryTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddMetrics();
        Services.AddLogging();
        Services.AddSingleton<RefusalMetrics>();
    }

    [Fact]
    public void A_refusal_shows_its_sentence_and_try_again_renders_the_region_again()
    {
        var refusing = new Refusing();
        var boundary = Render<RefusalBoundary>(p => p.AddChildContent<RefusingChild>(c => c.Add(x => x.State, refusing)));

        Assert.Equal("Limit", boundary.Find("[data-testid=refusal-boundary]").GetAttribute("data-kind"));
        Assert.Equal("Slow down, please.", boundary.Find("[data-testid=refusal-sentence]").TextContent);
        Assert.Empty(boundary.FindAll("[data-testid=refusing-child]"));

        refusing.Refuse = false;
        boundary.Find("[data-testid=refusal-recover]").Click();

        Assert.NotEmpty(boundary.FindAll("[data-testid=refusing-child]"));
        Assert.Empty(boundary.FindAll("[data-testid=refusal-boundary]"));
    }

    [Fact]
    public void Anything_else_shows_a_generic_line_never_its_own_text()
    {
        var boundary = Render<RefusalBoundary>(p => p.AddChildContent<FailingChild>());

        Assert.Equal("Error", boundary.Find("[data-testid=refusal-boundary]").GetAttribute("data-kind"));
        Assert.Equal(RefusalBoundary.Unexpected, boundary.Find("[data-testid=refusal-sentence]").TextContent);
        Assert.DoesNotContain("secret detail", boundary.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RefusalKind.Forbidden, StatusCodes.Status403Forbidden)]
    [InlineData(RefusalKind.NotFound, StatusCodes.Status404NotFound)]
    [InlineData(RefusalKind.Invalid, StatusCodes.Status400BadRequest)]
    [InlineData(RefusalKind.Conflict, StatusCodes.Status409Conflict)]
    [InlineData(RefusalKind.Limit, StatusCodes.Status429TooManyRequests)]
    public void Each_kind_has_one_HTTP_status(RefusalKind kind, int status) => Assert.Equal(status, RefusalResponses.StatusCodeFor(kind));

    [Fact]
    public async Task The_notice_shows_a_refusal_from_an_event_handler_instead_of_throwing()
    {
        var notice = new RefusalNotice(Services.GetRequiredService<RefusalMetrics>());

        await notice.RunAsync(() => throw PlaygroundAccessDeniedException.ConversationGone());
        Assert.Equal(PlaygroundAccessDeniedException.GoneMessage, notice.Text);

        Assert.Equal("Slow down.", await notice.RunAsync(() => Task.FromException<string?>(new PlaygroundLimitException("Slow down."))));
        notice.Clear();
        Assert.Null(notice.Text);
        await Assert.ThrowsAsync<InvalidOperationException>(() => notice.RunAsync(() => throw new InvalidOperationException("a bug, not a refusal")));
    }

    public sealed class Refusing
    {
        public bool Refuse { get; set; } = true;
    }

    private sealed class RefusingChild : ComponentBase
    {
        [Parameter]
        public Refusing State { get; set; } = default!;

        protected override void OnParametersSet()
        {
            if (State.Refuse)
            {
                throw new PlaygroundLimitException("Slow down, please.");
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "data-testid", "refusing-child");
            builder.CloseElement();
        }
    }

    private sealed class FailingChild : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("secret detail");
    }
}
