namespace CareDialog.Core.Features.Organisations;

/// <summary>Roles from design.md; a member can hold several in one organisation, so they are flags.</summary>
[Flags]
public enum OrgRole
{
    None = 0,
    Admin = 1 << 0,
    Manager = 1 << 1,
    Editor = 1 << 2,
    Designer = 1 << 3,
    MedicalReviewer = 1 << 4,
    ComplianceOfficer = 1 << 5,
    Responder = 1 << 6,
    Analyst = 1 << 7,
    Viewer = 1 << 8,
}

public enum Permission
{
    ViewContent,
    EditContent,
    SubmitContent,
    ApproveContent,
    ScheduleContent,
    UploadMedia,
    ViewAudit,
    ManageOrganisation,
    /// <summary>Record, read (including the patient's name) and withdraw consents.</summary>
    ManageConsents,
    /// <summary>Set aside one compliance finding on a post with a written reason.</summary>
    OverrideFinding,
    /// <summary>Connect, reconnect and disable platform accounts (channels).</summary>
    ManageChannels,
    /// <summary>Read comments, replies and messages received on the channels.</summary>
    ViewInbox,
    /// <summary>Answer them, and hide or show a comment with a reason.</summary>
    RespondInbox,
    /// <summary>Read incidents (appeals), their deadlines, notes and outcomes.</summary>
    ViewIncidents,
    /// <summary>Open, route, move through the status flow, answer and close incidents.</summary>
    WorkIncidents,
    /// <summary>Set routing rules, answer deadlines, working hours, reply templates and whether replies need approval.</summary>
    ConfigureInbox,
    /// <summary>Approve or reject a reply held for approval.</summary>
    ApproveReplies,
    /// <summary>Pause and resume all scheduled publishing in a crisis; dismiss crisis alerts.</summary>
    ManageCrisis,
}

/// <summary>The role → permission table (also in docs/security.md). Issue #6 extends it to approval chains.</summary>
public static class Permissions
{
    private static readonly Dictionary<Permission, OrgRole> Table = new()
    {
        [Permission.ViewContent] = OrgRole.Admin | OrgRole.Manager | OrgRole.Editor | OrgRole.Designer | OrgRole.MedicalReviewer
                                   | OrgRole.ComplianceOfficer | OrgRole.Responder | OrgRole.Analyst | OrgRole.Viewer,
        [Permission.EditContent] = OrgRole.Admin | OrgRole.Manager | OrgRole.Editor,
        [Permission.SubmitContent] = OrgRole.Admin | OrgRole.Manager | OrgRole.Editor,
        [Permission.ApproveContent] = OrgRole.Manager,
        [Permission.ScheduleContent] = OrgRole.Admin | OrgRole.Manager | OrgRole.Editor,
        [Permission.UploadMedia] = OrgRole.Admin | OrgRole.Manager | OrgRole.Editor | OrgRole.Designer,
        [Permission.ViewAudit] = OrgRole.Admin | OrgRole.Manager | OrgRole.ComplianceOfficer,
        [Permission.ManageOrganisation] = OrgRole.Admin,
        [Permission.ManageConsents] = OrgRole.Manager | OrgRole.ComplianceOfficer,
        [Permission.OverrideFinding] = OrgRole.ComplianceOfficer,
        [Permission.ManageChannels] = OrgRole.Admin,
        [Permission.ViewInbox] = OrgRole.Admin | OrgRole.Manager | OrgRole.Responder | OrgRole.ComplianceOfficer | OrgRole.Editor,
        [Permission.RespondInbox] = OrgRole.Admin | OrgRole.Manager | OrgRole.Responder,
        [Permission.ViewIncidents] = OrgRole.Admin | OrgRole.Manager | OrgRole.Responder | OrgRole.ComplianceOfficer | OrgRole.Analyst,
        [Permission.WorkIncidents] = OrgRole.Admin | OrgRole.Manager | OrgRole.Responder,
        [Permission.ConfigureInbox] = OrgRole.Admin | OrgRole.Manager,
        [Permission.ApproveReplies] = OrgRole.Manager | OrgRole.ComplianceOfficer,
        [Permission.ManageCrisis] = OrgRole.Manager,
    };

    public static bool Allows(OrgRole roles, Permission permission) => (Table[permission] & roles) != 0;

    public static OrgRole RolesFor(Permission permission) => Table[permission];

    public static IEnumerable<OrgRole> Split(OrgRole roles) =>
        Enum.GetValues<OrgRole>().Where(r => r != OrgRole.None && roles.HasFlag(r));
}
