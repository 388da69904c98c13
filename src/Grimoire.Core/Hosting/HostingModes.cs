using Microsoft.Extensions.Hosting;

namespace Grimoire.Core.Hosting;

/// <summary>
/// The "demo setting": the Development environment or one named "Demo". Only here may the development sign-in
/// run, and only here may secrets such as the encryption key be absent.
/// </summary>
public static class HostingModes
{
    public const string DemoEnvironment = "Demo";

    public static bool IsDemo(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() || environment.IsEnvironment(DemoEnvironment);
    }
}
