using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareDialog.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IncidentsCrisisInboxWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundEvents_ProcessedAtUtc",
                table: "InboundEvents");

            migrationBuilder.AddColumn<string>(
                name: "ForUserId",
                table: "Notifications",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OnDutyUntilUtc",
                table: "Memberships",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IncidentAnswer",
                table: "InboxReplies",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewedAtUtc",
                table: "InboxReplies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedByName",
                table: "InboxReplies",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedByUserId",
                table: "InboxReplies",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeName",
                table: "InboxItems",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeUserId",
                table: "InboxItems",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedByName",
                table: "InboxItems",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedByUserId",
                table: "InboxItems",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntilUtc",
                table: "InboxItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "IncidentCheckedAtUtc",
                table: "InboxItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChainIndex",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CrisisAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WindowMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DistinctAuthors = table.Column<int>(type: "INTEGER", nullable: false),
                    BaselineMean = table.Column<double>(type: "REAL", nullable: false),
                    BaselineStdDev = table.Column<double>(type: "REAL", nullable: false),
                    BaselineBuckets = table.Column<int>(type: "INTEGER", nullable: false),
                    NewChannel = table.Column<bool>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PeakWindowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSeenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SpikeEndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DismissedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DismissedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DismissedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DismissNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrisisAlerts_Channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "Channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrisisStatementPosts",
                columns: table => new
                {
                    PostId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatementKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisStatementPosts", x => x.PostId);
                    table.ForeignKey(
                        name: "FK_CrisisStatementPosts_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InboxSettings",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RepliesNeedApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClaimMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxSettings", x => x.OrganisationId);
                });

            migrationBuilder.CreateTable(
                name: "IncidentRoutingRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentRoutingRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Urgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    AssigneeUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstAnswerDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinalAnswerDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstAnswerWarnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinalAnswerWarnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstAnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalAnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstAnswerWarnedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalAnswerWarnedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstAnswerEscalatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalAnswerEscalatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OutcomeChangedSomething = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncidentSettings",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstAnswerMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    UrgentFirstAnswerMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalAnswerWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    WarnAtPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekdayHours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SaturdayHours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SundayHours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UseNationalHolidays = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExtraClosedDays = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DefaultUnit = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AutoOpenComplaints = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentSettings", x => x.OrganisationId);
                });

            migrationBuilder.CreateTable(
                name: "PublishingPauses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CrisisAlertId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    EndedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResumeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishingPauses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReplyTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncidentEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    InboxReplyId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentEntries_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InboxItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentMessages_InboxItems_InboxItemId",
                        column: x => x.InboxItemId,
                        principalTable: "InboxItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentMessages_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxReplies_State",
                table: "InboxReplies",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_Intent_IncidentCheckedAtUtc",
                table: "InboxItems",
                columns: new[] { "Intent", "IncidentCheckedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundEvents_Unprocessed",
                table: "InboundEvents",
                column: "Id",
                filter: "\"ProcessedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries",
                column: "ChainIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrisisAlerts_ChannelId_Live",
                table: "CrisisAlerts",
                column: "ChannelId",
                unique: true,
                filter: "\"DismissedAtUtc\" IS NULL OR \"SpikeEndedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CrisisAlerts_OrganisationId_DetectedAtUtc",
                table: "CrisisAlerts",
                columns: new[] { "OrganisationId", "DetectedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisStatementPosts_OrganisationId",
                table: "CrisisStatementPosts",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentEntries_IncidentId_AtUtc",
                table: "IncidentEntries",
                columns: new[] { "IncidentId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentMessages_InboxItemId",
                table: "IncidentMessages",
                column: "InboxItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentMessages_IncidentId",
                table: "IncidentMessages",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentRoutingRules_OrganisationId_Order",
                table: "IncidentRoutingRules",
                columns: new[] { "OrganisationId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OrganisationId_Number",
                table: "Incidents",
                columns: new[] { "OrganisationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OrganisationId_Status",
                table: "Incidents",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishingPauses_OrganisationId_Active",
                table: "PublishingPauses",
                column: "OrganisationId",
                unique: true,
                filter: "\"EndedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PublishingPauses_OrganisationId_StartedAtUtc",
                table: "PublishingPauses",
                columns: new[] { "OrganisationId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReplyTemplates_OrganisationId_Language_Intent",
                table: "ReplyTemplates",
                columns: new[] { "OrganisationId", "Language", "Intent" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrisisAlerts");

            migrationBuilder.DropTable(
                name: "CrisisStatementPosts");

            migrationBuilder.DropTable(
                name: "InboxSettings");

            migrationBuilder.DropTable(
                name: "IncidentEntries");

            migrationBuilder.DropTable(
                name: "IncidentMessages");

            migrationBuilder.DropTable(
                name: "IncidentRoutingRules");

            migrationBuilder.DropTable(
                name: "IncidentSettings");

            migrationBuilder.DropTable(
                name: "PublishingPauses");

            migrationBuilder.DropTable(
                name: "ReplyTemplates");

            migrationBuilder.DropTable(
                name: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_InboxReplies_State",
                table: "InboxReplies");

            migrationBuilder.DropIndex(
                name: "IX_InboxItems_Intent_IncidentCheckedAtUtc",
                table: "InboxItems");

            migrationBuilder.DropIndex(
                name: "IX_InboundEvents_Unprocessed",
                table: "InboundEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ChainIndex",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ForUserId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "OnDutyUntilUtc",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "IncidentAnswer",
                table: "InboxReplies");

            migrationBuilder.DropColumn(
                name: "ReviewedAtUtc",
                table: "InboxReplies");

            migrationBuilder.DropColumn(
                name: "ReviewedByName",
                table: "InboxReplies");

            migrationBuilder.DropColumn(
                name: "ReviewedByUserId",
                table: "InboxReplies");

            migrationBuilder.DropColumn(
                name: "AssigneeName",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "AssigneeUserId",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "ClaimedByName",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "ClaimedByUserId",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "ClaimedUntilUtc",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "IncidentCheckedAtUtc",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "ChainIndex",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_InboundEvents_ProcessedAtUtc",
                table: "InboundEvents",
                column: "ProcessedAtUtc");
        }
    }
}
