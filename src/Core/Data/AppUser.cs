using Microsoft.AspNetCore.Identity;

namespace CareDialog.Core.Data;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
