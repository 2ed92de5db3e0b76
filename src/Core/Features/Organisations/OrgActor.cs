using CareDialog.Core.Common;

namespace CareDialog.Core.Features.Organisations;

/// <summary>
/// Who acts, in which organisation, with which roles. Built by the web edge from the signed-in user and
/// checked again inside every use case, so the UI and the API cannot drift apart on authorisation.
/// </summary>
public sealed record OrgActor(Guid OrganisationId, string UserId, string UserName, OrgRole Roles)
{
    public static readonly string SystemUserId = "system";

    public static OrgActor System(Guid organisationId, string what) =>
        new(organisationId, SystemUserId, $"system:{what}", OrgRole.None);

    public bool Can(Permission permission) => Permissions.Allows(Roles, permission);

    public UseCaseError? Require(Permission permission) =>
        Can(permission) ? null : UseCaseError.Forbidden($"Your roles in this organisation do not allow: {permission}.");
}
