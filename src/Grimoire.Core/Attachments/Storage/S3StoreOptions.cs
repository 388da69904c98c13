namespace Grimoire.Core.Attachments.Storage;

/// <summary>
/// Bound from <c>Grimoire:Attachments:S3</c>, used when <c>Grimoire:Attachments:Store</c> is <c>S3</c>: an
/// S3-compatible bucket (AWS, MinIO, Garage, Ceph, R2…) for several nodes sharing one store.
/// </summary>
public sealed class S3StoreOptions
{
    /// <summary>The endpoint, e.g. <c>http://minio:9000</c>; empty means AWS itself in <see cref="Region"/>.</summary>
    public string ServiceUrl { get; set; } = "";

    public string Bucket { get; set; } = "";

    public string AccessKey { get; set; } = "";

    /// <summary>Secret: never logged, never shown (give it by environment variable or a secret store).</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Path-style URLs (<c>{ServiceUrl}/{Bucket}/{key}</c>), which most S3-compatible stores want.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>The signing region; S3-compatible stores mostly accept <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    public override string ToString() => $"S3 bucket {Bucket} at {(ServiceUrl.Length > 0 ? ServiceUrl : "AWS " + Region)}";
}
