using Grimoire.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Keys;

internal sealed class KeyVaultOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyVaultOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.EncryptionKeyId))
        {
            return ValidateOptionsResult.Fail($"{KeyVaultOptions.Section}:EncryptionKeyId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.EncryptionKey))
        {
            return HostingModes.IsDemo(environment)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{KeyVaultOptions.Section}:EncryptionKey is required outside the demo setting (base64 of 32 random bytes, e.g. `openssl rand -base64 32`).");
        }

        Span<byte> key = stackalloc byte[64];
        if (!Convert.TryFromBase64String(options.EncryptionKey, key, out var length) || length != 32)
        {
            return ValidateOptionsResult.Fail($"{KeyVaultOptions.Section}:EncryptionKey must be base64 of exactly 32 bytes.");
        }

        return ValidateOptionsResult.Success;
    }
}
