using Microsoft.Playwright;

namespace Grimoire.EndToEnd.Infrastructure;

/// <summary>A file for the composer, made in the page from its bytes.</summary>
public sealed record PageFile(string Name, string Type, byte[] Bytes);

/// <summary>
/// Drops files on the composer and pastes images into it the way a browser does: real <c>drop</c> and
/// <c>paste</c> events carrying a <c>DataTransfer</c> built in the page (issue 10, AC7.1).
/// </summary>
public static class ComposerFiles
{
    private const string Dispatch = """
        ([files, kind]) => {
          const transfer = new DataTransfer();
          for (const f of files) {
            const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
            transfer.items.add(new File([bytes], f.name, { type: f.type }));
          }
          const box = document.querySelector('[data-testid=composer]');
          if (kind === 'drop') {
            box.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            box.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
          } else {
            document.querySelector('[data-testid=composer-input]')
              .dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
          }
        }
        """;

    /// <summary>Waits until the composer takes files (its drop and paste handlers are attached).</summary>
    public static Task ReadyAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Assertions.Expect(page.Locator("[data-testid=composer][data-files-ready=true]")).ToHaveCountAsync(1);
    }

    public static Task DropAsync(IPage page, params PageFile[] files) => SendAsync(page, "drop", files);

    public static Task PasteAsync(IPage page, params PageFile[] files) => SendAsync(page, "paste", files);

    private static async Task SendAsync(IPage page, string kind, PageFile[] files)
    {
        ArgumentNullException.ThrowIfNull(page);
        var payload = files.Select(f => new { name = f.Name, type = f.Type, b64 = Convert.ToBase64String(f.Bytes) }).ToArray();
        await page.EvaluateAsync(Dispatch, new object[] { payload, kind });
    }

    /// <summary>The composer's chip for a file.</summary>
    public static ILocator Chip(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator($"[data-testid=composer-attachment][data-name='{name}']");
    }
}
