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

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.EncryptionKey))
        {
            if (!HostingModes.IsDemo(environment))
            {
                errors.Add(
                    $"{KeyVaultOptions.Section}:EncryptionKey is required outside the demo setting (base64 of 32 random bytes, e.g. `openssl rand -base64 32`).");
            }
        }
        else if (!IsAes256Key(options.EncryptionKey))
        {
            errors.Add($"{KeyVaultOptions.Section}:EncryptionKey must be base64 of exactly 32 bytes.");
        }

        foreach (var (id, key) in options.RetiredKeys)
        {
            if (string.Equals(id, options.EncryptionKeyId, StringComparison.Ordinal))
            {
                errors.Add($"{KeyVaultOptions.Section}:RetiredKeys:{id} has the id of the current key ({KeyVaultOptions.Section}:EncryptionKeyId); give the new key a new id.");
            }
            else if (!IsAes256Key(key))
            {
                errors.Add($"{KeyVaultOptions.Section}:RetiredKeys:{id} must be base64 of exactly 32 bytes.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsAes256Key(string? base64)
    {
        Span<byte> key = stackalloc byte[64];
        var ok = Convert.TryFromBase64String(base64 ?? "", key, out var length) && length == 32;
        key.Clear();
        return ok;
    }
}
