using Grimoire.Core.Audit;
using Grimoire.Core.Courses;
using Grimoire.Core.Playground;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;

namespace Grimoire.Core.Tests.Audit;

/// <summary>`audit export`: a course's records (by code), narrowed by dates and student (by e-mail), lines exactly as archived.</summary>
public abstract class AuditExporterTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private static readonly DateTime Day1 = new(2026, 11, 20, 23, 59, 59, DateTimeKind.Utc);
    private static readonly DateTime Day2 = new(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);

    private PlaygroundScenario scenario = default!;
    private Course other = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
        other = new Course { Code = "LING-210", Name = "Another course" };
        await using var db = Db.CreateContext();
        db.Courses.Add(other);
        await db.SaveChangesAsync(Ct);

        var archive = Db.Get<AuditArchive>();
        var priya = scenario.Classmate.Id;
        await archive.AppendAsync(Edit("alex, demo, day 1", Day1, scenario.Student.Id, scenario.Course.Id), Ct);
        await archive.AppendAsync(Edit("alex, demo, day 2", Day2, scenario.Student.Id, scenario.Course.Id), Ct);
        await archive.AppendAsync(Edit("priya, demo, day 2", Day2, priya, scenario.Course.Id), Ct);
        await archive.AppendAsync(Edit("alex, other, day 2", Day2, scenario.Student.Id, other.Id), Ct);
    }

    [Theory]
    [InlineData("DEMO-101", null, null, null, new[] { "alex, demo, day 1", "alex, demo, day 2", "priya, demo, day 2" })]
    [InlineData("demo-101", null, null, null, new[] { "alex, demo, day 1", "alex, demo, day 2", "priya, demo, day 2" })]
    [InlineData("DEMO-101", null, null, "Alex@demo.grimoire.test", new[] { "alex, demo, day 1", "alex, demo, day 2" })]
    [InlineData("DEMO-101", "2026-11-21", null, null, new[] { "alex, demo, day 2", "priya, demo, day 2" })]
    [InlineData("DEMO-101", null, "2026-11-20", null, new[] { "alex, demo, day 1" })]
    [InlineData("DEMO-101", "2026-11-21", "2026-11-21", "priya@demo.grimoire.test", new[] { "priya, demo, day 2" })]
    [InlineData("LING-210", null, null, null, new[] { "alex, other, day 2" })]
    [InlineData("LING-210", "2026-11-22", null, null, new string[0])]
    public async Task Exports_the_records_of_a_course_narrowed_by_dates_and_student(string course, string? from, string? to, string? student, string[] expected)
    {
        using var output = new MemoryStream();

        var result = await Db.Get<AuditExporter>().ExportAsync(
            new AuditExportQuery(course, Date(from), Date(to), student), output, Ct);

        var lines = Lines(output.ToArray());
        Assert.Equal(expected, lines.Select(l => ArchiveFolder.Header(l).GetProperty("data").GetProperty("changes")[0].Text("after")));
        Assert.Equal((expected.Length, 4L), (result.Exported, result.Read));
        var archived = ArchivedRecords.Files(Db).SelectMany(ArchiveFolder.Lines).ToList();
        Assert.All(lines, line =>
        {
            Assert.Contains(archived, a => a.SequenceEqual(line)); // byte for byte as archived
            Assert.True(AuditLine.Read(line).HashMatches);
        });
    }

    [Fact]
    public async Task An_unknown_course_or_student_or_an_empty_range_is_refused_with_a_reason()
    {
        var exporter = Db.Get<AuditExporter>();
        using var output = new MemoryStream();

        var course = await Assert.ThrowsAsync<AuditExportException>(() => exporter.ExportAsync(new AuditExportQuery("NOPE-1"), output, Ct));
        var student = await Assert.ThrowsAsync<AuditExportException>(() => exporter.ExportAsync(new AuditExportQuery("DEMO-101", StudentEmail: "who@x.test"), output, Ct));
        var range = await Assert.ThrowsAsync<AuditExportException>(() =>
            exporter.ExportAsync(new AuditExportQuery("DEMO-101", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 1)), output, Ct));

        Assert.Contains("NOPE-1", course.Message, StringComparison.Ordinal);
        Assert.Contains("who@x.test", student.Message, StringComparison.Ordinal);
        Assert.Contains("after", range.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Unreadable_lines_are_left_out_and_named_not_skipped_silently()
    {
        await Db.Get<AuditArchive>().StopAsync(Ct);
        await File.AppendAllTextAsync(ArchivedRecords.Files(Db)[0], "{\"seq\":5,\"prev\":", Ct);
        using var output = new MemoryStream();

        var result = await Db.Get<AuditExporter>().ExportAsync(new AuditExportQuery("DEMO-101"), output, Ct);

        Assert.Equal(3, result.Exported);
        Assert.EndsWith("line 5", Assert.Single(result.Unreadable), StringComparison.Ordinal);
    }

    private static AuditEntry Edit(string text, DateTime at, Guid userId, Guid courseId) =>
        AuditEntries.MessageEdited(new AuditIds(userId, courseId, MessageId: Guid.CreateVersion7()), at, MessageRole.User, [AuditChange.Content("x", text)]);

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static List<byte[]> Lines(byte[] bytes)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            return ArchiveFolder.Lines(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class AuditExporterTestsOnSqlite : AuditExporterTests<SqliteTestDatabase>;

public sealed class AuditExporterTestsOnPostgres : AuditExporterTests<PostgresTestDatabase>;
