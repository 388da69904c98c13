using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace Grimoire.Core.Annotation.Pdf;

/// <summary>The printer could not make the PDF (no browser, it crashed, the time limit passed). The message is safe to show.</summary>
public sealed class PdfPrintFailedException : Exception
{
    public PdfPrintFailedException()
        : base("The PDF could not be printed right now; try again, or download Markdown or JSON.")
    {
    }

    public PdfPrintFailedException(string message)
        : base(message)
    {
    }

    public PdfPrintFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Prints a complete, already sanitised HTML page to PDF with Chromium (X8). One shared browser, started on the first
/// print and started again if it died; at most <see cref="PdfExportOptions.MaxConcurrentPages"/> pages at once.
/// While printing, the page runs no JavaScript and loads nothing: the only request answered is the page's own
/// document, every other request (images, fonts, styles, links) is aborted. Singleton.
/// </summary>
public sealed class PdfPrinter(IOptions<PdfExportOptions> options, PdfMetrics metrics, ILogger<PdfPrinter> logger) : IAsyncDisposable
{
    /// <summary>The address the page is loaded from; nothing is ever fetched from it (the answer is made here).</summary>
    internal const string DocumentUrl = "https://print.grimoire.invalid/document";

    private readonly PdfExportOptions settings = options.Value;
    private readonly SemaphoreSlim pages = new(options.Value.MaxConcurrentPages, options.Value.MaxConcurrentPages);
    private readonly SemaphoreSlim launching = new(1, 1);
    private IBrowser? browser;
    private bool disposed;

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.TimeLimit);
        var started = Stopwatch.GetTimestamp();
        var entered = false;
        try
        {
            await pages.WaitAsync(limit.Token);
            entered = true;
            var shared = await BrowserAsync(limit.Token);
            var pdf = await PrintPageAsync(shared, html, limit.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Printed(elapsed, "ok");
            logger.LogInformation("Printed a PDF of {Bytes} bytes in {Milliseconds} ms", pdf.Length, (long)elapsed.TotalMilliseconds);
            return pdf;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Printed(Stopwatch.GetElapsedTime(started), "timeout");
            logger.LogWarning("A PDF print passed its time limit of {TimeLimit}", settings.TimeLimit);
            throw new PdfPrintFailedException("The PDF took too long to print; try again, or download Markdown or JSON.");
        }
        catch (PuppeteerException ex)
        {
            metrics.Printed(Stopwatch.GetElapsedTime(started), "failed");
            logger.LogError(ex, "Chromium could not print a PDF ({ExecutablePath})", settings.ExecutablePath);
            throw new PdfPrintFailedException();
        }
        finally
        {
            if (entered)
            {
                pages.Release();
            }
        }
    }

    private static async Task<byte[]> PrintPageAsync(IBrowser shared, string html, CancellationToken cancellationToken)
    {
        var page = await shared.NewPageAsync().WaitAsync(cancellationToken);
        try
        {
            await page.SetJavaScriptEnabledAsync(false).WaitAsync(cancellationToken);
            await page.SetRequestInterceptionAsync(true).WaitAsync(cancellationToken);
            page.Request += async (_, e) =>
            {
                try
                {
                    if (e.Request.IsNavigationRequest && e.Request.Url == DocumentUrl && e.Request.Frame == page.MainFrame)
                    {
                        await e.Request.RespondAsync(new ResponseData
                        {
                            Status = System.Net.HttpStatusCode.OK, ContentType = "text/html; charset=utf-8", Body = html,
                        });
                    }
                    else
                    {
                        await e.Request.AbortAsync(RequestAbortErrorCode.BlockedByClient);
                    }
                }
                catch (PuppeteerException)
                {
                    // The page closed while the request was pending.
                }
            };
            await page.GoToAsync(DocumentUrl, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] }).WaitAsync(cancellationToken);
            return await page.PdfDataAsync(new PuppeteerSharp.PdfOptions
            {
                Format = PaperFormat.A4,
                PrintBackground = true,
                MarginOptions = new MarginOptions { Top = "18mm", Bottom = "18mm", Left = "16mm", Right = "16mm" },
            }).WaitAsync(cancellationToken);
        }
        finally
        {
            try
            {
                await page.CloseAsync();
            }
            catch (PuppeteerException)
            {
                // The browser went away with it.
            }
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (browser is { IsConnected: true } running)
        {
            return running;
        }

        await launching.WaitAsync(cancellationToken);
        try
        {
            if (browser is { IsConnected: true } again)
            {
                return again;
            }

            if (browser is not null)
            {
                logger.LogWarning("The PDF browser had stopped; starting it again");
                await browser.DisposeAsync();
                browser = null;
            }

            if (!File.Exists(settings.ExecutablePath))
            {
                logger.LogError("No Chromium at {ExecutablePath} ({Section}:ExecutablePath): PDF exports are off", settings.ExecutablePath, PdfExportOptions.Section);
                throw new PdfPrintFailedException("PDF export is not available on this server (no browser to print with); download Markdown or JSON.");
            }

            List<string> args = ["--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions", "--mute-audio"];
            if (settings.SandboxOff)
            {
                args.Add("--no-sandbox");
            }

            browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                Headless = true, ExecutablePath = settings.ExecutablePath, Args = [.. args], Timeout = (int)settings.TimeLimit.TotalMilliseconds,
            }).WaitAsync(cancellationToken);
            metrics.BrowserStarted();
            logger.LogInformation("Started the PDF browser {ExecutablePath} (sandbox {Sandbox})", settings.ExecutablePath, settings.SandboxOff ? "off" : "on");
            return browser;
        }
        finally
        {
            launching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync();
            }
            catch (PuppeteerException ex)
            {
                logger.LogDebug(ex, "The PDF browser was already gone");
            }

            await browser.DisposeAsync();
            browser = null;
        }

        pages.Dispose();
        launching.Dispose();
    }
}
