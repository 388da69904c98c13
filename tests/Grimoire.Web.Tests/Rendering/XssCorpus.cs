namespace Grimoire.Web.Tests.Rendering;

/// <summary>Reads <c>xss-corpus.txt</c> next to this file (found by walking up from the test binaries).</summary>
internal static class XssCorpus
{
    private const string RelativePath = "tests/Grimoire.Web.Tests/Rendering/xss-corpus.txt";

    public static IReadOnlyList<string> Load()
    {
        var path = Locate();
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith(";;", StringComparison.Ordinal))
            .Select(line => line.Replace("\\n", "\n", StringComparison.Ordinal))
            .ToList();
    }

    public static TheoryData<string> Payloads()
    {
        var data = new TheoryData<string>();
        foreach (var payload in Load())
        {
            data.Add(payload);
        }

        return data;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Could not find {RelativePath} above {AppContext.BaseDirectory}.");
    }
}
