using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareDialog.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CrisisMode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_PublishingPauses_OrganisationId_Active",
                table: "PublishingPauses",
                column: "OrganisationId",
                unique: true,
                filter: "\"EndedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PublishingPauses_OrganisationId_StartedAtUtc",
                table: "PublishingPauses",
                columns: new[] { "OrganisationId", "StartedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrisisAlerts");

            migrationBuilder.DropTable(
                name: "CrisisStatementPosts");

            migrationBuilder.DropTable(
                name: "PublishingPauses");
        }
    }
}
