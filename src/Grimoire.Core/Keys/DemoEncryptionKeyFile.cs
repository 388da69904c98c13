using System.Security.Cryptography;

namespace Grimoire.Core.Keys;

/// <summary>
/// The demo setting's encryption key when none is configured: generated once into
/// <c>{DataDirectory}/secrets/demo-encryption.key</c> (owner-only) so a restarted demo still decrypts its keys.
/// </summary>
internal static class DemoEncryptionKeyFile
{
    public const string KeyId = "demo";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "secrets", "demo-encryption.key");

    public static byte[] LoadOrCreate(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        var text = File.ReadAllText(path).Trim();
        var key = new byte[32];
        if (!Convert.TryFromBase64String(text, key, out var length) || length != 32)
        {
            throw new KeyVaultException(
                $"The demo encryption key file {path} is damaged (it must hold base64 of 32 bytes). Restore it, or set {KeyVaultOptions.Section}:EncryptionKey.");
        }

        return key;
    }

    /// <summary>Writes a fresh key to a private temporary file and moves it into place; a concurrent winner is kept.</summary>
    private static void TryCreate(string path)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
            {
                writer.Write(Convert.ToBase64String(key));
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            File.Delete(temporary);
        }
    }
}
