using Grimoire.Llm.OpenRouter.Keys;
using Grimoire.Llm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Llm.Tests.OpenRouter.Keys;

/// <summary>The key client wired by <c>AddGrimoireLlm</c> with a management key, pointed at the scripted fake server.</summary>
public abstract class KeyClientTest : IAsyncLifetime
{
    internal const string ManagementKey = "sk-or-v1-MGMT-fedcba9876543210-do-not-leak";

    internal const string StudentKey = "sk-or-v1-STUDENT-00112233445566778899-do-not-leak";

    private ProviderHarness harness = null!;

    internal FakeProviderServer Server => harness.Server;

    internal TestProviders Providers => harness.Providers;

    internal IOpenRouterKeyClient Keys => Providers.Services.GetRequiredService<IOpenRouterKeyClient>();

    protected static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() =>
        harness = await ProviderHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Grimoire:Providers:OpenRouter:ManagementKey"] = ManagementKey,
        });

    public async Task DisposeAsync() => await harness.DisposeAsync();

    /// <summary>No log line, at any level, holds the management key or a student key.</summary>
    internal void AssertNoSecretInLogs()
    {
        Assert.NotEmpty(Providers.Logs.Lines);
        Assert.DoesNotContain(Providers.Logs.Lines, l => l.Contains(ManagementKey, StringComparison.Ordinal));
        Assert.DoesNotContain(Providers.Logs.Lines, l => l.Contains(StudentKey, StringComparison.Ordinal));
        Assert.DoesNotContain(Providers.Logs.Lines, l => l.Contains("MGMT-fedcba", StringComparison.Ordinal));
    }
}
