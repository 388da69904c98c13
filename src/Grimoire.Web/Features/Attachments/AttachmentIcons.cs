using Grimoire.Core.Attachments;
using MudBlazor;

namespace Grimoire.Web.Features.Attachments;

public static class AttachmentIcons
{
    public static string For(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Image => Icons.Material.Filled.Image,
        AttachmentKind.Pdf => Icons.Material.Filled.PictureAsPdf,
        _ => Icons.Material.Filled.Description,
    };
}
