using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Tests.Attachments;

/// <summary>
/// A real Kestrel server on a loopback port speaking enough of the S3 REST API, path-style, for one bucket: PUT,
/// GET, HEAD and DELETE of an object, <c>NoSuchKey</c> for a missing one. Like several S3-compatible stores it
/// refuses the SDK's flexible checksums (<c>x-amz-checksum-*</c>, <c>x-amz-sdk-checksum-algorithm</c>,
/// <c>x-amz-trailer</c>, aws-chunked bodies) with 400 <c>InvalidRequest</c>. Every request is recorded.
/// </summary>
internal sealed class FakeS3Server : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, byte[]> objects = new();
    private readonly ConcurrentQueue<(string Method, string Path, IReadOnlyDictionary<string, string> Headers)> received = new();

    private FakeS3Server(WebApplication app, string bucket)
    {
        this.app = app;
        Bucket = bucket;
        this.app.Run(HandleAsync);
    }

    public string Bucket { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyDictionary<string, byte[]> Objects => objects;

    public IReadOnlyList<(string Method, string Path, IReadOnlyDictionary<string, string> Headers)> Received => [.. received];

    public static async Task<FakeS3Server> StartAsync(string bucket)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var server = new FakeS3Server(builder.Build(), bucket);
        await server.app.StartAsync();
        server.BaseUrl = new Uri(server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public static bool IsChecksumHeader(string name, string value) =>
        name.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-amz-sdk-checksum-algorithm", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-amz-trailer", StringComparison.OrdinalIgnoreCase)
        || (name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("aws-chunked", StringComparison.OrdinalIgnoreCase))
        || (name.Equals("x-amz-content-sha256", StringComparison.OrdinalIgnoreCase) && value.StartsWith("STREAMING-", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        received.Enqueue((request.Method, request.Path.Value ?? "", headers));
        var prefix = "/" + Bucket + "/";
        var path = request.Path.Value ?? "";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.Length == prefix.Length)
        {
            await ErrorAsync(context, 404, "NoSuchBucket", "Only path-style requests to the one bucket are served.");
            return;
        }

        if (headers.FirstOrDefault(h => IsChecksumHeader(h.Key, h.Value)) is { Key: not null } checksum)
        {
            await ErrorAsync(context, 400, "InvalidRequest", $"{checksum.Key} is not supported by this store.");
            return;
        }

        var key = Uri.UnescapeDataString(path[prefix.Length..]);
        switch (request.Method)
        {
            case "PUT":
                using (var body = new MemoryStream())
                {
                    await request.Body.CopyToAsync(body);
                    objects[key] = body.ToArray();
                    context.Response.Headers.ETag = ETag(objects[key]);
                }

                return;
            case "GET" or "HEAD" when objects.TryGetValue(key, out var bytes):
                context.Response.ContentType = "application/octet-stream";
                context.Response.ContentLength = bytes.Length;
                context.Response.Headers.ETag = ETag(bytes);
                if (request.Method == "GET")
                {
                    await context.Response.Body.WriteAsync(bytes);
                }

                return;
            case "GET" or "HEAD":
                await ErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.");
                return;
            case "DELETE":
                objects.TryRemove(key, out _);
                context.Response.StatusCode = 204;
                return;
            default:
                await ErrorAsync(context, 405, "MethodNotAllowed", "Not served by the fake.");
                return;
        }
    }

    /// <summary>As S3 does for a single-part object: the quoted hex MD5 of the bytes (the SDK checks it).</summary>
#pragma warning disable CA5351 // S3's ETag is MD5 by definition; not used for security
    private static string ETag(byte[] bytes) => "\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)) + "\"";
#pragma warning restore CA5351

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        if (context.Request.Method != "HEAD")
        {
            await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>fake</RequestId></Error>", Encoding.UTF8);
        }
    }
}
