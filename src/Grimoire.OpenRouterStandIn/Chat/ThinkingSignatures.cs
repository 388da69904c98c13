using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Grimoire.OpenRouterStandIn.Chat;

/// <summary>
/// Signs the stand-in's thinking blocks and checks them when they come back, as Anthropic does through OpenRouter:
/// an earlier assistant turn's <c>reasoning.text</c> detail must carry the signature of exactly its text. The
/// signature is derived from the text alone, so it survives a restart of the stand-in.
/// </summary>
internal static class ThinkingSignatures
{
    private const string Domain = "grimoire-openrouter-standin/thinking/v1\n";

    public static string Sign(string text) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Domain + text)));

    /// <summary>Anthropic's 400 message for the first signed detail that does not check out; null when all do.</summary>
    public static string? Check(IReadOnlyList<ChatRequestMessage> messages, string format)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role != "assistant")
            {
                continue;
            }

            foreach (var detail in messages[i].ReasoningDetails)
            {
                if (String(detail, "type") != "reasoning.text" || String(detail, "format") != format)
                {
                    continue;
                }

                var text = String(detail, "text") ?? "";
                var signature = String(detail, "signature");
                if (signature is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(Sign(text))))
                {
                    return $"messages.{i}.content.0: Invalid `signature` in `thinking` block";
                }
            }
        }

        return null;
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
