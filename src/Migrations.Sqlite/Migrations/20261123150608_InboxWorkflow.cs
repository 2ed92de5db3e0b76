using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareDialog.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_InboxReplies_State",
                table: "InboxReplies",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_ReplyTemplates_OrganisationId_Language_Intent",
                table: "ReplyTemplates",
                columns: new[] { "OrganisationId", "Language", "Intent" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxSettings");

            migrationBuilder.DropTable(
                name: "ReplyTemplates");

            migrationBuilder.DropIndex(
                name: "IX_InboxReplies_State",
                table: "InboxReplies");

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
        }
    }
}
