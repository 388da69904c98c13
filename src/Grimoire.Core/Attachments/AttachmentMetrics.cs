using System.Diagnostics.Metrics;
using Grimoire.Core.Playground;

namespace Grimoire.Core.Attachments;

/// <summary>
/// On the <c>Grimoire</c> meter: <c>grimoire.attachments.stored</c> (files), <c>grimoire.attachments.bytes</c> and
/// <c>grimoire.attachments.refusals</c> by <c>reason</c>. Singleton.
/// </summary>
public sealed class AttachmentMetrics
{
    private readonly Counter<long> stored;
    private readonly Counter<long> bytes;
    private readonly Counter<long> refused;

    public AttachmentMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PlaygroundRefusals.MeterName);
        stored = meter.CreateCounter<long>("grimoire.attachments.stored", "{file}", "Attachments stored (new content).");
        bytes = meter.CreateCounter<long>("grimoire.attachments.bytes", "By", "Bytes of attachments stored (new content).");
        refused = meter.CreateCounter<long>("grimoire.attachments.refusals", "{file}", "Attachments refused, by reason.");
    }

    public void Stored(long size)
    {
        stored.Add(1);
        bytes.Add(size);
    }

    public void Refused(string reason) => refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
}

/// <summary>The <c>reason</c> tag of <c>grimoire.attachments.refusals</c>.</summary>
public static class AttachmentRefusalReasons
{
    public const string NoAccess = "no_access";
    public const string FileTooLarge = "file_too_large";
    public const string WorkspaceFull = "workspace_full";
    public const string UnknownType = "unknown_type";
    public const string BadImage = "bad_image";
    public const string BadPdf = "bad_pdf";
    public const string TooManyFiles = "too_many_files";
    public const string MessageTooLarge = "message_too_large";
    public const string ModelTakesNoFiles = "model_takes_no_files";
}
