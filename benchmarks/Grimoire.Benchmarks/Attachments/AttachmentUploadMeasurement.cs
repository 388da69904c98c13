using System.Diagnostics;
using Grimoire.Benchmarks.Playground;
using Grimoire.Core.Attachments;
using Grimoire.Core.Attachments.Reading;
using Grimoire.Core.Data;
using Grimoire.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Grimoire.Benchmarks.Attachments;

/// <summary>
/// Issue 10's benchmark: a ~20 MB PDF (pages of text, each with a photo-like image) uploaded through the real
/// <see cref="AttachmentUploads"/> (streamed into the local store while hashed and counted, typed, its text extracted
/// with the page and time limits), on the demo database. Reports the peak managed heap and working set above the
/// starting point during the upload, and the time to extract the text against the time to read the file once, in the
/// same process (a ratio).
/// </summary>
internal static class AttachmentUploadMeasurement
{
    private const int Pages = 45; // ~19.6 MB: just under the default 20 MiB per-file limit
    private const int Runs = 3;

    public static async Task RunAsync()
    {
        var pdf = BuildPdf();
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-bench-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        Console.WriteLine($"PDF: {pdf.Length:N0} bytes, {Pages} pages (text and a 700×700 image on each)");
        pdf = null;

        await using var playground = await PlaygroundServices.StartAsync(delayMs: 0);
        var uploads = playground.Provider.GetRequiredService<AttachmentUploads>();
        var workspaceId = await WorkspaceAsync(playground);

        for (var run = 1; run <= Runs; run++)
        {
            var read = Time(() => { using var s = File.OpenRead(path); s.CopyTo(Stream.Null); });
            var extract = await TimeAsync(async () =>
            {
                await using var s = File.OpenRead(path);
                var (text, refusal) = await PdfReading.ExtractAsync(s, 300, TimeSpan.FromMinutes(2), CancellationToken.None);
                if (text is null)
                {
                    throw new InvalidOperationException(refusal);
                }
            });

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var sampler = new MemorySampler();
            var upload = await TimeAsync(async () =>
            {
                await using var s = File.OpenRead(path);
                var result = await uploads.UploadAsync(playground.StudentId, workspaceId, $"reading-{run}.pdf", s.Length, s, CancellationToken.None);
                if (result.Refusal is not null)
                {
                    throw new InvalidOperationException(result.Refusal);
                }
            });
            var (heap, workingSet) = sampler.Stop();
            Console.WriteLine(
                $"run {run}: read once {read.TotalMilliseconds:N0} ms · extract {extract.TotalMilliseconds:N0} ms (×{extract / read:N1} reading) · " +
                $"whole upload {upload.TotalMilliseconds:N0} ms · peak above start: managed heap {heap / 1048576.0:N1} MiB, working set {workingSet / 1048576.0:N1} MiB");
        }

        File.Delete(path);
    }

    private static async Task<Guid> WorkspaceAsync(PlaygroundServices playground)
    {
        var factory = playground.Provider.GetRequiredService<IDbContextFactory<GrimoireDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var workspace = new Workspace { Title = "Upload benchmark", CourseId = playground.CourseId };
        workspace.Members.Add(new WorkspaceMember { UserId = playground.StudentId, Permission = WorkspacePermission.Owner });
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return workspace.Id;
    }

    private static byte[] BuildPdf()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var random = new Random(42);
        for (var p = 1; p <= Pages; p++)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            for (var line = 0; line < 20; line++)
            {
                page.AddText($"Page {p}, line {line + 1}: a reading about recursion, base cases and the call stack.", 10, new PdfPoint(40, 800 - (line * 14)), font);
            }

            page.AddJpeg(NoiseJpeg(random), new PdfRectangle(40, 60, 540, 500));
        }

        return builder.Build();
    }

    /// <summary>A photo-like image that does not compress away: random noise, JPEG quality 92.</summary>
    private static byte[] NoiseJpeg(Random random)
    {
        using var bitmap = new SKBitmap(700, 700);
        var pixels = new byte[700 * 700 * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }

    /// <summary>Samples the managed heap and the working set every 5 ms on its own thread; reports the peaks above the start.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly long startHeap = GC.GetTotalMemory(forceFullCollection: false);
        private readonly long startWorkingSet = Environment.WorkingSet;
        private readonly Thread thread;
        private volatile bool stopped;
        private long peakHeap;
        private long peakWorkingSet;

        public MemorySampler()
        {
            thread = new Thread(Sample) { IsBackground = true };
            thread.Start();
        }

        public (long Heap, long WorkingSet) Stop()
        {
            stopped = true;
            thread.Join();
            return (Math.Max(0, peakHeap - startHeap), Math.Max(0, peakWorkingSet - startWorkingSet));
        }

        public void Dispose() => stopped = true;

        private void Sample()
        {
            while (!stopped)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                Thread.Sleep(5);
            }
        }
    }
}
