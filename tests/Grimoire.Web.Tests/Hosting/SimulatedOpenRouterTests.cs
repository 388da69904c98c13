using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Core.Data;
using Grimoire.Core.Demo;
using Grimoire.Core.Keys;
using Grimoire.Core.Playground.Credentials;
using Grimoire.Llm;
using Grimoire.Llm.Streaming;
using Grimoire.Web.Hosting.DemoOpenRouter;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Tests.Hosting;

/// <summary>
/// Issue 17 item 12: the one run command shows the whole product. In the demo setting with no OpenRouter configured,
/// the OpenRouter stand-in runs inside the web process and the server's OpenRouter client is routed to it; any
/// configured OpenRouter, or any other environment, keeps it off.
/// </summary>
public sealed class SimulatedOpenRouterTests
{
    private const string Haiku = "anthropic/claude-haiku-4.5";

    [Fact]
    public async Task The_default_demo_serves_catalogue_keys_and_chat_from_the_in_process_stand_in()
    {
        using var factory = new GrimoireAppFactory();
        var services = factory.Services;
        var ct = CancellationToken.None;
        Assert.True(services.GetRequiredService<SimulatedOpenRouter>().IsActive);
        var standIn = services.GetRequiredService<InProcessStandIn>().Running;
        Assert.NotNull(standIn);
        var openRouter = services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value.OpenRouter;
        Assert.Equal(SimulatedOpenRouter.BaseUrl, openRouter.BaseUrl);

        // The instructor's catalogue is the stand-in's; adding a model and minting for the class go through it.
        var catalogue = await services.GetRequiredService<IChatProviderRegistry>().GetModelsAsync(new ProviderEndpoint(ProviderKinds.OpenRouter), ct);
        Assert.Equal(8, catalogue.Models.Count);
        var (instructor, alex, course) = await DemoPeopleAsync(services);
        await services.GetRequiredService<CourseModelAllowlist>().AddAsync(
            instructor, course, ProviderKinds.OpenRouter, Haiku, new CourseModelDetails("Claude Haiku", "", "", CostTier.Low), ct);
        var minted = await services.GetRequiredService<StudentKeyProvisioner>().MintMissingAsync(instructor, course, ProviderKinds.OpenRouter, ct);
        Assert.Equal(3, minted.Count(r => r.Outcome == KeyMintOutcome.Minted));
        Assert.Equal(3, standIn.Keys.Count(k => !k.Deleted));

        // A student's call goes out on their own key, through the route, and is answered by the stand-in.
        var endpoint = await services.GetRequiredService<IProviderCredentials>().ResolveAsync(alex, course, ProviderKinds.OpenRouter, ct);
        Assert.NotNull(endpoint);
        var answer = await AnswerAsync(services, endpoint, "Tell me about tidal locking");
        Assert.Contains("tidal locking", answer, StringComparison.Ordinal);
        var call = Assert.Single(standIn.ChatCalls);
        Assert.Equal((200, standIn.Keys.Single(k => k.Name.EndsWith("alex@" + DemoData.Domain, StringComparison.Ordinal)).Hash), (call.Status, call.KeyHash));
    }

    [Fact]
    public async Task After_a_restart_the_stand_in_adopts_the_stored_keys_so_students_keep_chatting()
    {
        using var first = new GrimoireAppFactory();
        var ct = CancellationToken.None;
        var (instructor, alex, course) = await DemoPeopleAsync(first.Services);
        await first.Services.GetRequiredService<CourseModelAllowlist>().AddAsync(
            instructor, course, ProviderKinds.OpenRouter, Haiku, new CourseModelDetails("Claude Haiku", "", "", CostTier.Low), ct);
        await first.Services.GetRequiredService<StudentKeyProvisioner>().MintMissingAsync(instructor, course, ProviderKinds.OpenRouter, ct);
        var revoked = (await first.Services.GetRequiredService<StudentKeyProvisioner>().ListAsync(instructor, course, ProviderKinds.OpenRouter, false, ct))
            .Rows.First(r => r.StudentId != alex);
        await first.Services.GetRequiredService<StudentKeyProvisioner>().RevokeAsync(instructor, revoked.KeyId!.Value, ct);

        // A second process on the same database: its stand-in is new and never minted these keys.
        using var second = new GrimoireAppFactory(settings: new Dictionary<string, string?>
        {
            ["Grimoire:DataDirectory"] = first.DataDirectory,
            ["Grimoire:Audit:NodeId"] = "second-process",
        });
        var standIn = second.Services.GetRequiredService<InProcessStandIn>().Running!;
        Assert.Equal(2, standIn.Keys.Count);
        var endpoint = await second.Services.GetRequiredService<IProviderCredentials>().ResolveAsync(alex, course, ProviderKinds.OpenRouter, ct);
        var answer = await AnswerAsync(second.Services, endpoint!, "Still there after a restart?");
        Assert.Contains("Still there after a restart?", answer, StringComparison.Ordinal);
        Assert.Equal(200, Assert.Single(standIn.ChatCalls).Status);
    }

    [Theory]
    [InlineData("Grimoire:Providers:OpenRouter:BaseUrl", "http://127.0.0.1:9/")]
    [InlineData("Grimoire:Providers:OpenRouter:ManagementKey", "sk-or-v1-configured-by-the-operator")]
    [InlineData(SimulatedOpenRouter.Setting, "false")]
    public void A_configured_openrouter_or_the_switch_keeps_the_stand_in_off(string setting, string value)
    {
        using var factory = new GrimoireAppFactory(settings: new Dictionary<string, string?> { [setting] = value });

        Assert.False(factory.Services.GetRequiredService<SimulatedOpenRouter>().IsActive);
        Assert.Null(factory.Services.GetService<InProcessStandIn>());
        Assert.DoesNotContain(factory.Services.GetServices<IHostedService>(), s => s is InProcessStandIn);
        var openRouter = factory.Services.GetRequiredService<IOptions<GrimoireProvidersOptions>>().Value.OpenRouter;
        Assert.NotEqual(SimulatedOpenRouter.BaseUrl, openRouter.BaseUrl);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    [InlineData("Demo", true)]
    public void Only_the_demo_setting_may_serve_the_stand_in(string environment, bool serves)
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.Equal(serves, SimulatedOpenRouter.ShouldServe(new Environment(environment), configuration));
    }

    private static async Task<(Guid Instructor, Guid Alex, Guid Course)> DemoPeopleAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var instructor = await db.Users.Where(u => u.Email == "instructor@" + DemoData.Domain).Select(u => u.Id).SingleAsync();
        var alex = await db.Users.Where(u => u.Email == "alex@" + DemoData.Domain).Select(u => u.Id).SingleAsync();
        var course = await db.Courses.Where(c => c.Code == DemoData.CourseCode).Select(c => c.Id).SingleAsync();
        return (instructor, alex, course);
    }

    private static async Task<string> AnswerAsync(IServiceProvider services, ProviderEndpoint endpoint, string question)
    {
        var client = services.GetRequiredService<IChatProviderRegistry>().CreateClient(endpoint, Haiku);
        var text = "";
        await foreach (var e in client.StreamEventsAsync([new ChatMessage(ChatRole.User, question)]))
        {
            text += e switch
            {
                TextDelta delta => delta.Text,
                Failed failed => throw new InvalidOperationException("The call failed: " + failed.Failure.UserMessage),
                _ => "",
            };
        }

        return text;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Grimoire.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
