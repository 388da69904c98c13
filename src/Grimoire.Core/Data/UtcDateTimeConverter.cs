using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Grimoire.Core.Data;

/// <summary>
/// Stores <see cref="DateTime"/> as UTC truncated to whole microseconds (PostgreSQL's precision) and reads it back
/// with <see cref="DateTimeKind.Utc"/>, so a value round-trips identically on SQLite and PostgreSQL.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => ToStored(value),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc))
{
    /// <summary>The value as the database will hold it: UTC, whole microseconds. Use it for a value returned next to what was saved.</summary>
    internal static DateTime ToStored(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }
}
