using Grimoire.Core.Audit;

namespace Grimoire.Core.Tests.Audit;

/// <summary>A new archive file's name is made durable by fsyncing its folder (issue 17 item 9).</summary>
public sealed class DirectorySyncTests
{
    [Fact]
    public void A_folder_is_fsynced_on_Linux_and_macOS_and_skipped_elsewhere()
    {
        var folder = Directory.CreateTempSubdirectory("grimoire-dirsync-").FullName;
        try
        {
            Assert.Equal(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), DirectorySync.Flush(folder));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_an_io_error_not_a_silent_success()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var missing = Path.Combine(Path.GetTempPath(), "grimoire-dirsync-missing-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<IOException>(() => DirectorySync.Flush(missing));
    }
}
