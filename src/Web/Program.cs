using CareDialog.Core;
using CareDialog.Web.Components;
using CareDialog.Web.Features.Account;
using CareDialog.Web.Features.Audit;
using CareDialog.Web.Features.Channels;
using CareDialog.Web.Features.Compliance;
using CareDialog.Web.Features.Consents;
using CareDialog.Web.Features.Crisis;
using CareDialog.Web.Features.Inbox;
using CareDialog.Web.Features.Incidents;
using CareDialog.Web.Features.Media;
using CareDialog.Web.Features.Organisations;
using CareDialog.Web.Features.Posts;
using CareDialog.Web.Features.Sandbox;
using CareDialog.Web.Features.Webhooks;
using CareDialog.Web.Infrastructure;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

builder.AddCareDialogDatabase();
builder.Services.AddCareDialogCore(builder.Configuration);
builder.Services.AddCareDialogConnectors(builder.Configuration);
builder.AddCareDialogJobs();
builder.Services.AddCareDialogAuth();
builder.Services.AddCareDialogHttp();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseCareDialogHttpPipeline();

app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapOrganisationsApi();
app.MapPostsApi();
app.MapMediaApi();
app.MapAuditApi();
app.MapConsentsApi();
app.MapComplianceApi();
app.MapChannelsApi();
app.MapInboxApi();
app.MapIncidentsApi();
app.MapCrisisApi();
app.MapWebhooks();
app.MapSandboxPlatform();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point type for WebApplicationFactory in the tests.</summary>
public partial class Program;
