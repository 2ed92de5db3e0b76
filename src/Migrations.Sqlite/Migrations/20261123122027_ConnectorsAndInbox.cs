using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareDialog.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConnectorsAndInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstAttemptAtUtc",
                table: "PostTargets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConnectedAtUtc",
                table: "Channels",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConnectedByUserId",
                table: "Channels",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HealthReason",
                table: "Channels",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedCredentials",
                table: "Channels",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteAccountId",
                table: "Channels",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TokenCheckedAtUtc",
                table: "Channels",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TokenExpiresAtUtc",
                table: "Channels",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboundEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RemoteId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    OriginalText = table.Column<string>(type: "TEXT", nullable: true),
                    EditedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RemotePostId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RemoteParentId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PostId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FromOwnAccount = table.Column<bool>(type: "INTEGER", nullable: false),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    HiddenReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxItems_Channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "Channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForRoles = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DismissedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PendingConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Platform = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProtectedVerifier = table.Column<string>(type: "TEXT", nullable: false),
                    RedirectUri = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReconnectChannelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProtectedAccounts = table.Column<string>(type: "TEXT", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingConnections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SandboxRemoteComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RemoteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PostRemoteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ParentRemoteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FromPage = table.Column<bool>(type: "INTEGER", nullable: false),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxRemoteComments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxReplies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InboxItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RemoteId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxReplies_InboxItems_InboxItemId",
                        column: x => x.InboxItemId,
                        principalTable: "InboxItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Channels_Platform_RemoteAccountId",
                table: "Channels",
                columns: new[] { "Platform", "RemoteAccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundEvents_ChannelId_DedupeKey",
                table: "InboundEvents",
                columns: new[] { "ChannelId", "DedupeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundEvents_ProcessedAtUtc",
                table: "InboundEvents",
                column: "ProcessedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_ChannelId_RemoteId",
                table: "InboxItems",
                columns: new[] { "ChannelId", "RemoteId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_OrganisationId_CreatedAtUtc",
                table: "InboxItems",
                columns: new[] { "OrganisationId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxReplies_InboxItemId",
                table: "InboxReplies",
                column: "InboxItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_OrganisationId_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "OrganisationId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingConnections_State",
                table: "PendingConnections",
                column: "State",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxRemoteComments_ChannelId_CreatedAtUtc",
                table: "SandboxRemoteComments",
                columns: new[] { "ChannelId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxRemoteComments_ChannelId_IdempotencyKey",
                table: "SandboxRemoteComments",
                columns: new[] { "ChannelId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxRemoteComments_RemoteId",
                table: "SandboxRemoteComments",
                column: "RemoteId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboundEvents");

            migrationBuilder.DropTable(
                name: "InboxReplies");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PendingConnections");

            migrationBuilder.DropTable(
                name: "SandboxRemoteComments");

            migrationBuilder.DropTable(
                name: "InboxItems");

            migrationBuilder.DropIndex(
                name: "IX_Channels_Platform_RemoteAccountId",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "FirstAttemptAtUtc",
                table: "PostTargets");

            migrationBuilder.DropColumn(
                name: "ConnectedAtUtc",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "ConnectedByUserId",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "HealthReason",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "ProtectedCredentials",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "RemoteAccountId",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "TokenCheckedAtUtc",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "TokenExpiresAtUtc",
                table: "Channels");
        }
    }
}
