namespace Grimoire.Web.Security;

/// <summary>
/// Where to send a person after sign-in: a path on this site, or <see cref="Default"/>. Browsers strip tabs and
/// newlines from addresses, read a backslash as a slash and trim leading spaces, so <c>/\t/evil.example</c> or
/// <c>/\evil.example</c> become <c>//evil.example</c>, another site. Rather than guess what each browser does, only
/// printable ASCII without backslashes is accepted (what the cookie handler's own, escaped return addresses are),
/// and the path must still be a single-slash local path after percent-decoding, in case a proxy decodes it.
/// </summary>
internal static class SafeReturnUrl
{
    public const string Default = "/playground";

    /// <summary>Long enough for any page of this site with its query; longer is not a return address.</summary>
    public const int MaxLength = 2048;

    /// <summary>The candidate if it is a safe local address, otherwise <see cref="Default"/>.</summary>
    public static string Resolve(string? candidate) => IsSafe(candidate) ? candidate! : Default;

    public static bool IsSafe(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxLength || !IsLocalPath(candidate))
        {
            return false;
        }

        // A proxy or a later redirect may decode the path once (or twice): it must stay a local path each time.
        var path = candidate.AsSpan(0, EndOfPath(candidate)).ToString();
        for (var round = 0; round < 3; round++)
        {
            var decoded = Uri.UnescapeDataString(path);
            if (decoded == path)
            {
                return true;
            }

            if (!IsLocalPath(decoded))
            {
                return false;
            }

            path = decoded;
        }

        return false;
    }

    private static bool IsLocalPath(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~' or '\\')
            {
                return false;
            }
        }

        return value[0] == '/' && (value.Length == 1 || value[1] != '/');
    }

    private static int EndOfPath(string value)
    {
        var end = value.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? value.Length : end;
    }
}
