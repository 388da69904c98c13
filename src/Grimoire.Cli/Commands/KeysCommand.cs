using System.CommandLine;
using Grimoire.Core.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Cli.Commands;

internal static class KeysCommand
{
    public static Command Create()
    {
        var rotate = new Command(
            "rotate-encryption",
            "Re-encrypt every stored student key with the current encryption key (Grimoire:Secrets:EncryptionKey). "
            + "First make the new key current with a new EncryptionKeyId and list the old one under Grimoire:Secrets:RetiredKeys:<old id>; "
            + "remove the retired key once this reports no failures.");
        rotate.SetAction((_, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            KeyRotationReport report;
            try
            {
                report = await services.GetRequiredService<KeyEncryptionRotation>().ReencryptAllAsync(ct);
            }
            catch (KeyVaultException ex)
            {
                await Console.Error.WriteLineAsync($"grimoire: {ex.Message}");
                return 1;
            }

            Console.WriteLine(
                $"Re-encrypted {report.Reencrypted} key(s) with encryption key '{report.CurrentKeyId}'; {report.AlreadyCurrent} already used it; {report.LtiToolKeysReencrypted} LTI tool key(s) re-encrypted.");
            if (report.Failed > 0)
            {
                await Console.Error.WriteLineAsync(
                    $"grimoire: {report.Failed} key(s) could not be decrypted (see the log for their ids); keep the retired keys configured until they are resolved.");
                return 1;
            }

            return 0;
        }, cancellationToken));

        var command = new Command("keys", "Manage stored student API keys.");
        command.Subcommands.Add(rotate);
        return command;
    }
}
