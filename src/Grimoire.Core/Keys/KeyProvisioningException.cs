using Grimoire.Core.Refusals;

namespace Grimoire.Core.Keys;

/// <summary>
/// A key action could not be done: a course setting is missing, or the provider refused or failed. The message says
/// what to do and is safe to show and log; it never holds a key, the management key or the encryption key.
/// </summary>
public sealed class KeyProvisioningException : RefusalException
{
    public KeyProvisioningException()
        : base(RefusalKind.Conflict, "The key action could not be completed.")
    {
    }

    public KeyProvisioningException(string message)
        : base(RefusalKind.Conflict, message)
    {
    }

    public KeyProvisioningException(string message, Exception innerException)
        : base(RefusalKind.Conflict, message, innerException)
    {
    }
}
