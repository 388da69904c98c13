using System.Text.RegularExpressions;

namespace Grimoire.Core.Attachments.Storage;

/// <summary>The one shape of a storage key: <c>{workspace id}/{attachment id}</c> in hex, maybe <c>.txt</c> (a PDF's text).</summary>
internal static partial class StorageKeys
{
    public static string Checked(string key) =>
        key is not null && Shape().IsMatch(key) ? key : throw new ArgumentException("A storage key is made of ids.", nameof(key));

    [GeneratedRegex("^[0-9a-f]{32}/[0-9a-f]{32}(\\.txt)?$")]
    private static partial Regex Shape();
}
