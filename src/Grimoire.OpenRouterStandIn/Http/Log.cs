using Microsoft.AspNetCore.Http;

namespace Grimoire.OpenRouterStandIn.Http;

/// <summary>The request log line (<see cref="OpenRouterStandInOptions.RequestLog"/>): never a key, at most a hash prefix.</summary>
internal static class Log
{
    private const string KeyItem = "standin.key";
    private const string NoteItem = "standin.note";

    /// <summary>Names the key (by hash) a request concerned.</summary>
    public static void Key(HttpContext context, string? hash)
    {
        if (hash is not null)
        {
            context.Items[KeyItem] = Bearer.Short(hash);
        }
    }

    /// <summary>Adds a short fact (model, cost) to the request's log line.</summary>
    public static void Note(HttpContext context, string note) => context.Items[NoteItem] = note;

    public static string Line(HttpContext context)
    {
        var request = context.Request;
        var line = $"{request.Method} {request.Path}{request.QueryString} -> {context.Response.StatusCode}";
        if (context.Items.TryGetValue(KeyItem, out var key))
        {
            line += $" key {key}";
        }

        if (context.Items.TryGetValue(NoteItem, out var note))
        {
            line += $" {note}";
        }

        return line;
    }
}
