using CareDialog.Core.Features.Organisations;

namespace CareDialog.Core.Tests.Features.Organisations;

public class PermissionsTests
{
    [Theory]
    [InlineData(OrgRole.Manager, Permission.ApproveContent, true)]
    [InlineData(OrgRole.Editor, Permission.ApproveContent, false)]
    [InlineData(OrgRole.Admin, Permission.ApproveContent, false)]
    [InlineData(OrgRole.Viewer, Permission.ViewContent, true)]
    [InlineData(OrgRole.Viewer, Permission.EditContent, false)]
    [InlineData(OrgRole.Designer, Permission.UploadMedia, true)]
    [InlineData(OrgRole.Designer, Permission.EditContent, false)]
    [InlineData(OrgRole.Editor, Permission.ViewAudit, false)]
    [InlineData(OrgRole.Admin, Permission.ManageOrganisation, true)]
    [InlineData(OrgRole.Manager, Permission.ManageOrganisation, false)]
    [InlineData(OrgRole.Editor | OrgRole.Manager, Permission.ApproveContent, true)]
    [InlineData(OrgRole.None, Permission.ViewContent, false)]
    public void Allows_FollowsTheRoleTable(OrgRole roles, Permission permission, bool expected) =>
        Assert.Equal(expected, Permissions.Allows(roles, permission));

    [Fact]
    public void Every_Permission_IsInTheTable() =>
        Assert.All(Enum.GetValues<Permission>(), p => Assert.NotEqual(OrgRole.None, Permissions.RolesFor(p)));

    [Theory]
    [InlineData("Nişantaşı Ağız ve Diş Sağlığı", "nisantasi-agiz-ve-dis-sagligi")]
    [InlineData("Центральная районная больница", "tsentralnaya-raionnaya-bolnitsa")]
    [InlineData("Ærø Sundhedshus", "aero-sundhedshus")]
    [InlineData("Regionshospitalet Vestkysten", "regionshospitalet-vestkysten")]
    [InlineData("   ", "org")]
    public void Slugify_FoldsDiacriticsAndPunctuation(string name, string expected) =>
        Assert.Equal(expected, OrganisationRules.Slugify(name));
}
