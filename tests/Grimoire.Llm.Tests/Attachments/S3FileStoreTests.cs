using System.Security.Cryptography;
using Grimoire.Core.Attachments;
using Grimoire.Core.Attachments.Storage;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Tests.Attachments;

/// <summary>The S3-compatible store (AC7.6) against a local server speaking the S3 REST wire format, path-style.</summary>
public sealed class S3FileStoreTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "s3-SECRET-never-in-logs-0123456789";
    private static readonly string Key = $"{Guid.CreateVersion7():N}/{Guid.CreateVersion7():N}";
    private readonly ListLogger logger = new();
    private FakeS3Server server = null!;
    private S3FileStore store = null!;

    public async Task InitializeAsync()
    {
        server = await FakeS3Server.StartAsync("grimoire-files");
        store = new S3FileStore(Microsoft.Extensions.Options.Options.Create(Settings(server.BaseUrl.ToString())), logger);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => store.Dispose();

    private static AttachmentOptions Settings(string serviceUrl, string store = StoreKinds.S3) => new()
    {
        Store = store,
        S3 = new S3StoreOptions { ServiceUrl = serviceUrl, Bucket = "grimoire-files", AccessKey = "AKTESTKEY", SecretKey = Secret },
    };

    [Fact]
    public async Task AC7_6_a_file_goes_to_the_bucket_under_its_id_key_and_comes_back_byte_for_byte_seekable()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        await store.WriteAsync(Key, new NonSeekable(bytes), CancellationToken.None);
        await using var read = await store.OpenReadAsync(Key, CancellationToken.None);

        Assert.Equal(bytes, server.Objects[Key]);
        Assert.NotNull(read);
        Assert.True(read.CanSeek);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        var put = Assert.Single(server.Received, r => r.Method == "PUT");
        Assert.Equal("/grimoire-files/" + Key, put.Path);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKTESTKEY/", put.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AC7_6_no_checksum_header_or_chunked_body_the_store_does_not_accept_is_sent()
    {
        await store.WriteAsync(Key, new MemoryStream([1, 2, 3]), CancellationToken.None);
        await using (await store.OpenReadAsync(Key, CancellationToken.None))
        {
        }

        await store.DeleteAsync(Key, CancellationToken.None);

        Assert.Equal(["PUT", "GET", "DELETE"], server.Received.Select(r => r.Method));
        Assert.DoesNotContain(server.Received, r => r.Headers.Any(h => FakeS3Server.IsChecksumHeader(h.Key, h.Value)));
        Assert.DoesNotContain(server.Received, r => r.Headers.Values.Any(v => v.Contains(Secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AC7_6_a_missing_object_reads_as_null_and_a_deleted_one_is_gone()
    {
        Assert.Null(await store.OpenReadAsync(Key, CancellationToken.None));

        await store.WriteAsync(Key, new MemoryStream([7, 7]), CancellationToken.None);
        await store.DeleteAsync(Key, CancellationToken.None);
        await store.DeleteAsync(Key, CancellationToken.None); // twice: deleting nothing is fine

        Assert.Empty(server.Objects);
        Assert.Null(await store.OpenReadAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task AC7_6_a_key_not_made_of_ids_is_refused_before_any_request()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("../notes.pdf", new MemoryStream([1]), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("ws/My Essay.pdf", CancellationToken.None));

        Assert.Empty(server.Received);
    }

    [Fact]
    public void AC7_6_the_store_logs_its_bucket_and_endpoint_never_the_secret()
    {
        var line = Assert.Single(logger.Lines);
        Assert.Contains("grimoire-files", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, Settings("http://x").S3.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Azure", "", "Grimoire:Attachments:Store must be Local or S3, not 'Azure'.")]
    [InlineData("S3", "", "Grimoire:Attachments:S3:Bucket is required when Grimoire:Attachments:Store is S3.")]
    [InlineData("S3", "minio:9000", "Grimoire:Attachments:S3:ServiceUrl must be an http(s) URL, such as http://minio:9000.")]
    public void AC7_6_start_up_validation_names_the_wrong_setting(string kind, string serviceUrl, string expected)
    {
        var options = Settings(serviceUrl, kind);
        if (expected.Contains("Bucket", StringComparison.Ordinal))
        {
            options.S3.Bucket = "";
        }

        var result = new AttachmentOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.Failures!);
        Assert.DoesNotContain(result.Failures!, f => f.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void AC7_6_local_and_a_complete_s3_setting_pass_validation()
    {
        Assert.True(new AttachmentOptionsValidator().Validate(null, new AttachmentOptions()).Succeeded);
        Assert.True(new AttachmentOptionsValidator().Validate(null, Settings("http://minio:9000")).Succeeded);
    }

    /// <summary>An upload as it arrives from a browser: forward only, length unknown.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    private sealed class ListLogger : ILogger<S3FileStore>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
