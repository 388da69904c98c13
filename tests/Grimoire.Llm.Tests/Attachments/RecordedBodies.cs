using System.Runtime.CompilerServices;
using System.Text;
using Grimoire.Llm.Tests.Infrastructure;

namespace Grimoire.Llm.Tests.Attachments;

/// <summary>
/// Request bodies compared byte for byte with tests/fixtures/&lt;provider&gt;/request-*.json: nothing is normalised
/// (the bodies carry no ids or times). The image part holds SkiaSharp's re-encoding of chart.png, so a SkiaSharp
/// upgrade that encodes differently shows here. With GRIMOIRE_RECORD_FIXTURES=1 the received body is written to the
/// fixture in the source tree instead (then read it, and commit it only if it is right).
/// </summary>
internal static class RecordedBodies
{
    public static void AssertMatches(string fixture, byte[] body, [CallerFilePath] string callerPath = "")
    {
        if (Environment.GetEnvironmentVariable("GRIMOIRE_RECORD_FIXTURES") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "..", "fixtures", fixture));
            File.WriteAllBytes(source, body);
            return;
        }

        Assert.Equal(Encoding.UTF8.GetString(Fixtures.Bytes(fixture)), Encoding.UTF8.GetString(body));
    }
}
