using System.Text.Json;
using System.Text.RegularExpressions;

namespace Grimoire.LoadTest.Circuits;

/// <summary>
/// How the browserless circuit answers the server's JS interop calls (<c>JS.BeginInvokeJS</c>) so the circuit never
/// waits on a browser: a new JS object id for calls that return an <c>IJSObjectReference</c> (a module
/// <c>import</c>, <c>attachComposer</c>), null for everything else (void calls, MudBlazor's measurements, which
/// then see "nothing measured"). The composer's <see cref="Microsoft.JSInterop.DotNetObjectReference{T}"/> id is taken
/// from <c>attachComposer</c>'s arguments: composer.js calls <c>SendFromKeyboard(text)</c> on it when Enter is pressed,
/// and so does the driver.
/// </summary>
internal sealed partial class JsInteropAnswers
{
    // JSCallResultType: Default = 0, JSObjectReference = 1, JSStreamReference = 2, JSVoidResult = 3.
    private const int JSObjectReference = 1;
    private long nextObjectId;

    public long? ComposerObjectId { get; private set; }

    public bool RendererAttached { get; private set; }

    /// <summary>The JSON array <c>[asyncHandle, true, result]</c> that EndInvokeJSFromDotNet carries.</summary>
    public string Answer(long asyncHandle, string identifier, string argsJson, int resultType)
    {
        if (identifier == "attachComposer" && DotNetObject().Match(argsJson) is { Success: true } m)
        {
            ComposerObjectId = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (identifier.EndsWith("attachWebRendererInterop", StringComparison.Ordinal))
        {
            RendererAttached = true;
        }

        object? result = resultType == JSObjectReference
            ? new Dictionary<string, long> { ["__jsObjectId"] = Interlocked.Increment(ref nextObjectId) }
            : identifier switch
            {
                // MudBlazor asks whether its scripts are loaded, and how many popover providers the page has.
                "window.hasOwnProperty" => true,
                "mudpopoverHelper.countProviders" => 1,
                _ => null,
            };
        return JsonSerializer.Serialize(new object?[] { asyncHandle, true, result });
    }

    [GeneratedRegex("\"__dotNetObject\":(\\d+)")]
    private static partial Regex DotNetObject();
}
