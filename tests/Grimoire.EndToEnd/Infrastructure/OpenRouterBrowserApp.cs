using Grimoire.Core.Playground.Credentials;
using Grimoire.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>
/// The real host whose OpenRouter base URL points at a <see cref="FakeOpenRouter"/>, with every student holding
/// the same known test key (the per-student key store is exercised by its own tests).
/// </summary>
public sealed class OpenRouterBrowserApp : BrowserApp
{
    public const string StudentKey = "sk-or-v1-e2e-test-student-key-0000000000";

    public OpenRouterBrowserApp()
        : this(FakeOpenRouter.StartNew())
    {
    }

    private OpenRouterBrowserApp(FakeOpenRouter fake)
        : base(new Dictionary<string, string?> { ["Grimoire:Providers:OpenRouter:BaseUrl"] = fake.BaseUrl },
            services => services.AddSingleton<IProviderCredentials, FixedKeyCredentials>())
    {
        Fake = fake;
    }

    public FakeOpenRouter Fake { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fake.DisposeAsync();
    }

    private sealed class FixedKeyCredentials : IProviderCredentials
    {
        private readonly ServerProviderCredentials server = new();

        public Task<ProviderEndpoint?> ResolveAsync(Guid userId, Guid courseId, string provider, CancellationToken cancellationToken) =>
            provider == ProviderKinds.OpenRouter
                ? Task.FromResult<ProviderEndpoint?>(new ProviderEndpoint(ProviderKinds.OpenRouter, StudentKey))
                : server.ResolveAsync(userId, courseId, provider, cancellationToken);
    }
}
