using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Grimoire.Core.Audit;

/// <summary>
/// The record format. A record is one line of UTF-8 JSON with its members in this order:
/// <c>{"seq":N,"prev":"…","node":"…","kind":"…","at":"…","ids":{…},"data":{…},"hash":"…"}</c> and a <c>\n</c>.
/// <c>hash</c> is the lower-case hex SHA-256 of the line exactly as written, without its newline and without the
/// final <c>,"hash":"…"</c> member — i.e. the bytes before <c>,"hash":"</c> followed by <c>}</c>. <c>prev</c> is
/// the previous record's hash (<see cref="Genesis"/> for a node's first record); <c>seq</c> counts from 1.
/// Nothing is ever re-serialised to check a record: the hash is over the bytes on disk.
/// </summary>
internal static class AuditLine
{
    public const int HashLength = 64;

    /// <summary>The <c>prev</c> of a node's very first record.</summary>
    public static readonly string Genesis = new('0', HashLength);

    /// <summary><c>,"hash":"</c> + 64 hex digits + <c>"}</c>.</summary>
    public const int SuffixLength = 9 + HashLength + 2;

    private static ReadOnlySpan<byte> HashMember => ",\"hash\":\""u8;

    /// <summary>
    /// Writes one record, newline included, to <paramref name="output"/>, using <paramref name="scratch"/> and
    /// <paramref name="json"/> (reset onto it) for the canonical bytes. Returns the record's hash.
    /// </summary>
    public static string Write(
        IBufferWriter<byte> output, ArrayBufferWriter<byte> scratch, Utf8JsonWriter json, long sequence, string prev, string nodeId, AuditEntry entry)
    {
        scratch.ResetWrittenCount();
        json.Reset(scratch);
        json.WriteStartObject();
        json.WriteNumber("seq", sequence);
        json.WriteString("prev", prev);
        json.WriteString("node", nodeId);
        json.WriteString("kind", entry.Kind);
        json.WriteString("at", entry.At);
        json.WriteStartObject("ids");
        WriteId(json, "userId", entry.Ids.UserId);
        WriteId(json, "courseId", entry.Ids.CourseId);
        WriteId(json, "workspaceId", entry.Ids.WorkspaceId);
        WriteId(json, "conversationId", entry.Ids.ConversationId);
        WriteId(json, "messageId", entry.Ids.MessageId);
        WriteId(json, "modelConfigId", entry.Ids.ModelConfigId);
        json.WriteEndObject();
        json.WritePropertyName("data");
        json.WriteRawValue(entry.Data.Span, skipInputValidation: true);
        json.WriteEndObject();
        json.Flush();

        var canonical = scratch.WrittenSpan;
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical, digest);
        var hash = Convert.ToHexStringLower(digest);

        var line = output.GetSpan(canonical.Length - 1 + SuffixLength + 1);
        canonical[..^1].CopyTo(line);
        var at = canonical.Length - 1;
        HashMember.CopyTo(line[at..]);
        at += HashMember.Length;
        at += System.Text.Encoding.ASCII.GetBytes(hash, line[at..]);
        "\"}\n"u8.CopyTo(line[at..]);
        output.Advance(at + 3);
        return hash;
    }

    /// <summary>Reads one line (without its newline): its header members, and whether its hash matches its bytes.</summary>
    public static AuditLineRead Read(ReadOnlySpan<byte> line)
    {
        if (line.Length < SuffixLength + 2 || line[^1] != (byte)'}' || line[^2] != (byte)'"'
            || !line[^SuffixLength..].StartsWith(HashMember))
        {
            return AuditLineRead.Bad(line.IsEmpty ? "empty line" : "not an archive record: it does not end with the \"hash\" member");
        }

        AuditRecordHeader header;
        try
        {
            header = ReadHeader(line);
        }
        catch (JsonException ex)
        {
            return AuditLineRead.Bad($"not valid JSON ({ex.Message})");
        }
        catch (FormatException ex)
        {
            return AuditLineRead.Bad($"not an archive record: {ex.Message}");
        }

        var rented = ArrayPool<byte>.Shared.Rent(line.Length - SuffixLength + 1);
        try
        {
            var canonicalLength = line.Length - SuffixLength + 1;
            line[..^SuffixLength].CopyTo(rented);
            rented[canonicalLength - 1] = (byte)'}';
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, canonicalLength), digest);
            return new AuditLineRead(header, Convert.ToHexStringLower(digest), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static AuditRecordHeader ReadHeader(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Expect(ref reader, JsonTokenType.StartObject, "the line is not a JSON object");
        Property(ref reader, "seq");
        var sequence = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seq) && seq > 0
            ? seq
            : throw new FormatException("\"seq\" is not a positive integer");
        var prev = Hash(ref reader, "prev");
        var node = String(ref reader, "node");
        var kind = String(ref reader, "kind");
        Property(ref reader, "at");
        var at = reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var time)
            ? time.ToUniversalTime()
            : throw new FormatException("\"at\" is not a date and time");
        Property(ref reader, "ids");
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("\"ids\" is not an object");
        }

        Guid? userId = null, courseId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUser = reader.ValueTextEquals("userId"u8);
            var isCourse = reader.ValueTextEquals("courseId"u8);
            reader.Read();
            var id = reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var g)
                ? g
                : throw new FormatException("an id in \"ids\" is not a GUID");
            (userId, courseId) = (isUser ? id : userId, isCourse ? id : courseId);
        }

        Property(ref reader, "data");
        reader.Skip();
        var hash = Hash(ref reader, "hash");
        Expect(ref reader, JsonTokenType.EndObject, "\"hash\" is not the last member");
        if (reader.Read())
        {
            throw new FormatException("there is more after the record's object");
        }

        return new AuditRecordHeader(sequence, prev, node, kind, at, userId, courseId, hash);
    }

    /// <summary>Moves to the value of the next member, which must be <paramref name="name"/>.</summary>
    private static void Property(ref Utf8JsonReader reader, string name)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(name))
        {
            throw new FormatException($"expected the \"{name}\" member here (members are seq, prev, node, kind, at, ids, data, hash)");
        }

        reader.Read();
    }

    private static string String(ref Utf8JsonReader reader, string name)
    {
        Property(ref reader, name);
        return reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } value
            ? value
            : throw new FormatException($"\"{name}\" is not a non-empty string");
    }

    private static string Hash(ref Utf8JsonReader reader, string name)
    {
        var value = String(ref reader, name);
        return value.Length == HashLength && value.All(char.IsAsciiHexDigitLower)
            ? value
            : throw new FormatException($"\"{name}\" is not {HashLength} lower-case hex digits");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string problem)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new FormatException(problem);
        }
    }

    private static void WriteId(Utf8JsonWriter json, string name, Guid? id)
    {
        if (id is { } value)
        {
            json.WriteString(name, value);
        }
    }
}

/// <summary>The members of a record the archive itself reads: chain, node, kind, time, and the ids exports filter on.</summary>
internal sealed record AuditRecordHeader(
    long Sequence, string Prev, string NodeId, string Kind, DateTime At, Guid? UserId, Guid? CourseId, string Hash);

/// <summary>A line read: its header and the hash of its bytes, or why it is not a record.</summary>
internal sealed record AuditLineRead(AuditRecordHeader? Header, string? ComputedHash, string? Problem)
{
    public bool IsRecord => Header is not null;

    public bool HashMatches => Header is not null && string.Equals(Header.Hash, ComputedHash, StringComparison.Ordinal);

    public static AuditLineRead Bad(string problem) => new(null, null, problem);
}
