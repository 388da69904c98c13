using MudBlazor;

namespace Grimoire.Web.Components.Layout;

internal static class GrimoireTheme
{
    /// <summary>System fonts only: the product runs offline and loads nothing from third parties.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#4a3aa8", Secondary = "#b7791f", AppbarBackground = "#2f2570" },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
