namespace Grimoire.Llm.Tests.Infrastructure;

/// <summary>Recorded wire files under tests/fixtures, copied next to the test assembly.</summary>
internal static class Fixtures
{
    public static byte[] Bytes(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", relativePath));
}
