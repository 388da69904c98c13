using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments.Storage;

/// <summary>
/// Attachment bytes in an S3-compatible bucket (AC7.6), for several nodes. Keys are the ids' keys
/// (<see cref="StorageKeys"/>), never file names. Both directions go through a temp file that deletes itself: an
/// upload is counted and hashed into it and then PUT with a known length (so no chunked or trailing-checksum
/// encoding is needed), and a read is downloaded into it so readers (PdfPig, SkiaSharp) may seek. Request checksums
/// and response validation are <c>WHEN_REQUIRED</c>: the SDK's default CRC checksums (trailers on aws-chunked
/// bodies) are rejected by several S3-compatible stores. Singleton.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly string bucket;

    public S3FileStore(IOptions<AttachmentOptions> options, ILogger<S3FileStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var s3 = options.Value.S3;
        bucket = s3.Bucket;
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (s3.ServiceUrl.Length > 0)
        {
            config.ServiceURL = s3.ServiceUrl;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }

        client = new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
        logger.LogInformation("Attachment files are kept in {Store}", s3.ToString());
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        StorageKeys.Checked(key);
        await using var spool = TempFile();
        await content.CopyToAsync(spool, cancellationToken);
        spool.Position = 0;
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = key, InputStream = spool, AutoCloseStream = false,
            UseChunkEncoding = false, ContentType = "application/octet-stream",
        }, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        StorageKeys.Checked(key);
        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(bucket, key, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        using (response)
        {
            var spool = TempFile();
            try
            {
                await response.ResponseStream.CopyToAsync(spool, cancellationToken);
                spool.Position = 0;
                return spool;
            }
            catch
            {
                await spool.DisposeAsync();
                throw;
            }
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        StorageKeys.Checked(key);
        await client.DeleteObjectAsync(bucket, key, cancellationToken);
    }

    public void Dispose() => client.Dispose();

    private static FileStream TempFile() => new(
        Path.Combine(Path.GetTempPath(), "grimoire-s3-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
