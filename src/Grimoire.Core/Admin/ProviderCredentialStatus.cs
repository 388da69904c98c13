using Grimoire.Core.Courses.Admin;
using Microsoft.Extensions.Configuration;

namespace Grimoire.Core.Admin;

/// <summary>
/// Tells a site admin which provider credentials are configured, as yes/no only. The values are read just to test
/// that they are present and are never returned, stored or logged.
/// </summary>
public sealed class ProviderCredentialStatus(IConfiguration configuration, CourseAdminAccess access)
{
    public const string OpenRouterManagementKeySetting = "Grimoire:Providers:OpenRouter:ManagementKey";
    public const string AnthropicApiKeySetting = "Grimoire:Providers:Anthropic:ApiKey";
    public const string OpenAICompatibleBaseUrlSetting = "Grimoire:Providers:OpenAICompatible:BaseUrl";
    public const string EncryptionKeySetting = "Grimoire:Secrets:EncryptionKey";

    public async Task<IReadOnlyList<CredentialCheck>> GetAsync(Guid actorId, CancellationToken cancellationToken)
    {
        await access.RequireSiteAdminAsync(actorId, cancellationToken);
        return
        [
            Check("OpenRouter management key", OpenRouterManagementKeySetting,
                "Mints, limits and revokes the per-student OpenRouter keys."),
            Check("Anthropic API key", AnthropicApiKeySetting,
                "Direct Anthropic access with an operator key."),
            Check("OpenAI-compatible server", OpenAICompatibleBaseUrlSetting,
                "A local or self-hosted model server (Ollama, vLLM, LM Studio)."),
            Check("Key encryption key", EncryptionKeySetting,
                "Encrypts stored per-student keys at rest."),
        ];
    }

    private CredentialCheck Check(string name, string setting, string purpose) =>
        new(name, setting, !string.IsNullOrWhiteSpace(configuration[setting]), purpose);
}
