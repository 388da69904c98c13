using Grimoire.Core.Attachments;
using Grimoire.Core.Courses;
using Grimoire.Core.Tests.Infrastructure;
using Grimoire.Core.Tests.Playground;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Attachments;

/// <summary>Workspace file storage (AC7.6): round trip, dedupe by hash, type by content, limits, download access, deletion.</summary>
public abstract class AttachmentStorageTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private PlaygroundScenario scenario = default!;

    private Guid Workspace => scenario.Conversation.WorkspaceId;

    public override async Task InitializeAsync()
    {
        Db.Settings["Grimoire:Attachments:MaxFileBytes"] = "200000";
        Db.Settings["Grimoire:Attachments:MaxMessageBytes"] = "400000";
        Db.Settings["Grimoire:Attachments:MaxWorkspaceBytes"] = "600000";
        await base.InitializeAsync();
        scenario = new PlaygroundScenario(Db);
        await scenario.SetUpAsync();
    }

    private Task<AttachmentUpload> UploadAsync(byte[] bytes, string name, Guid? userId = null) =>
        Db.Get<AttachmentUploads>().UploadAsync(userId ?? scenario.Student.Id, Workspace, name, bytes.Length, TestFiles.Stream(bytes), Ct);

    private string FilesFolder => Path.Combine(Db.DataDirectory, "files");

    [Fact]
    public async Task AC7_6_an_uploaded_image_is_stored_with_hash_type_size_and_dimensions_and_downloads_byte_for_byte()
    {
        var png = TestFiles.Png(40, 30);
        var upload = await UploadAsync(png, "../../etc/chart.PNG");

        Assert.Null(upload.Refusal);
        var stored = upload.Reference!;
        Assert.Equal(("chart.PNG", "image/png", AttachmentKind.Image, (long)png.Length), (stored.Name, stored.MediaType, stored.Kind, stored.Size));
        Assert.Equal((40, 30), (stored.Width, stored.Height));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), stored.Sha256);

        await using var db = Db.CreateContext();
        var row = await db.Attachments.SingleAsync(a => a.Id == stored.Id);
        Assert.Equal($"{Workspace:N}/{stored.Id:N}", row.StorageKey); // ids, never the file name
        Assert.DoesNotContain("chart", string.Join(",", Directory.GetFiles(FilesFolder, "*", SearchOption.AllDirectories)), StringComparison.Ordinal);

        var download = await Db.Get<AttachmentDownloads>().OpenAsync(scenario.Student.Id, stored.Id, Ct);
        Assert.NotNull(download);
        await using var content = download.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
    }

    [Fact]
    public async Task AC7_6_the_same_content_twice_in_a_workspace_is_stored_once()
    {
        var first = (await UploadAsync(TestFiles.Csv(), "scores.csv")).Reference!;
        var second = (await UploadAsync(TestFiles.Csv(), "copy of scores.csv")).Reference!;

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(("text/csv", AttachmentKind.Text), (first.MediaType, first.Kind));
        await using var db = Db.CreateContext();
        Assert.Single(await db.Attachments.Select(a => a.StorageKey).Distinct().ToListAsync());
        Assert.Single(Directory.GetFiles(FilesFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AC7_6_the_type_comes_from_the_content_not_the_extension()
    {
        var pretend = await UploadAsync([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4], "broken.png");
        var binary = await UploadAsync([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2], "notes.txt");
        var csvNamedPng = await UploadAsync(TestFiles.Csv(), "photo.png");

        Assert.Equal(AttachmentUploads.BadImage, pretend.Refusal);
        Assert.Equal(AttachmentUploads.UnknownType, binary.Refusal);
        Assert.Equal(AttachmentKind.Text, csvNamedPng.Reference!.Kind);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.Attachments.CountAsync()); // refused files leave nothing behind
        Assert.Single(Directory.GetFiles(FilesFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AC7_6_a_pdf_keeps_its_text_and_one_without_a_text_layer_is_refused_with_why()
    {
        var withText = await UploadAsync(TestFiles.Pdf("Reading week notes"), "reading.pdf");
        var scan = await UploadAsync(TestFiles.Pdf(null), "scan.pdf");

        Assert.Equal((AttachmentKind.Pdf, "application/pdf"), (withText.Reference!.Kind, withText.Reference.MediaType));
        Assert.Equal(Core.Attachments.Reading.PdfReading.NoTextLayer, scan.Refusal);
    }

    [Fact]
    public async Task AC7_6_limits_per_file_and_per_workspace_refuse_with_a_reason_and_keep_nothing()
    {
        var tooBigDeclared = await Db.Get<AttachmentUploads>().UploadAsync(
            scenario.Student.Id, Workspace, "big.csv", 300_000, TestFiles.Stream(TestFiles.Csv()), Ct);
        var tooBigStreamed = await Db.Get<AttachmentUploads>().UploadAsync(
            scenario.Student.Id, Workspace, "big.txt", null, TestFiles.Stream(new byte[300_000].Select(_ => (byte)'a').ToArray()), Ct);
        Assert.Equal(AttachmentUploads.FileTooLarge(200_000), tooBigDeclared.Refusal);
        Assert.Equal(AttachmentUploads.FileTooLarge(200_000), tooBigStreamed.Refusal);

        for (var i = 0; i < 3; i++)
        {
            Assert.Null((await UploadAsync(Text(190_000, (char)('a' + i)), $"part{i}.txt")).Refusal);
        }

        var full = await UploadAsync(Text(190_000, 'z'), "part3.txt");
        Assert.Equal(AttachmentUploads.WorkspaceFull(600_000), full.Refusal);
        await using var db = Db.CreateContext();
        Assert.Equal(3, await db.Attachments.CountAsync());
    }

    [Fact]
    public async Task AC7_6_downloads_check_the_workspace_every_time_other_students_other_courses_and_strangers_get_nothing()
    {
        var stored = (await UploadAsync(TestFiles.Csv(), "scores.csv")).Reference!;
        var downloads = Db.Get<AttachmentDownloads>();
        var otherCourseTutor = SampleData.User("Other Tutor");
        var otherCourse = SampleData.Course("OTHER-101");
        await using (var db = Db.CreateContext())
        {
            db.AddRange(otherCourseTutor, otherCourse, SampleData.Enrollment(otherCourseTutor, otherCourse, CourseRole.Tutor));
            await db.SaveChangesAsync();
        }

        Assert.Null(await downloads.OpenAsync(scenario.Classmate.Id, stored.Id, Ct));
        Assert.Null(await downloads.OpenAsync(otherCourseTutor.Id, stored.Id, Ct));
        Assert.Null(await downloads.OpenAsync(null, stored.Id, Ct));
        Assert.Null(await downloads.OpenAsync(scenario.Student.Id, Guid.NewGuid(), Ct));
        var staff = await downloads.OpenAsync(scenario.Instructor.Id, stored.Id, Ct); // course staff read (AC2.6)
        Assert.NotNull(staff);
        await staff.Content.DisposeAsync();
        var classmateUpload = await UploadAsync(TestFiles.Csv(), "mine.csv", scenario.Classmate.Id);
        Assert.Equal(AttachmentUploads.NoAccess, classmateUpload.Refusal);
    }

    private static byte[] Text(int length, char c) => System.Text.Encoding.ASCII.GetBytes(new string(c, length));
}

public sealed class AttachmentStorageTestsOnSqlite : AttachmentStorageTests<SqliteTestDatabase>;

public sealed class AttachmentStorageTestsOnPostgres : AttachmentStorageTests<PostgresTestDatabase>;
