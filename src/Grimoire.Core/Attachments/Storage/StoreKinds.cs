namespace Grimoire.Core.Attachments.Storage;

/// <summary>The values of <c>Grimoire:Attachments:Store</c>, and what each needs to start.</summary>
public static class StoreKinds
{
    public const string Local = "Local";

    public const string S3 = "S3";

    public static bool IsS3(AttachmentOptions options) =>
        string.Equals(options?.Store, S3, StringComparison.OrdinalIgnoreCase);

    /// <summary>Each wrong setting, named by its configuration path (never with a secret's value).</summary>
    internal static IEnumerable<string> Problems(AttachmentOptions options)
    {
        const string section = AttachmentOptions.Section;
        if (!IsS3(options))
        {
            if (!string.Equals(options.Store, Local, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{section}:Store must be {Local} or {S3}, not '{options.Store}'.";
            }

            yield break;
        }

        var s3 = options.S3;
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            yield return $"{section}:S3:Bucket is required when {section}:Store is {S3}.";
        }

        if (s3.ServiceUrl.Length > 0
            && !(Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"{section}:S3:ServiceUrl must be an http(s) URL, such as http://minio:9000.";
        }

        if (string.IsNullOrWhiteSpace(s3.Region))
        {
            yield return $"{section}:S3:Region is required (us-east-1 suits most S3-compatible stores).";
        }

        if (string.IsNullOrWhiteSpace(s3.AccessKey))
        {
            yield return $"{section}:S3:AccessKey is required when {section}:Store is {S3}.";
        }

        if (string.IsNullOrWhiteSpace(s3.SecretKey))
        {
            yield return $"{section}:S3:SecretKey is required when {section}:Store is {S3}.";
        }
    }
}
