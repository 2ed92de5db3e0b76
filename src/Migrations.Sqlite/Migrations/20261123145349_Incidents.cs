using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareDialog.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Incidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "IncidentCheckedAtUtc",
                table: "InboxItems",
                type: "TEXT",
                nullable: true);

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
                name: "IX_InboxItems_Intent_IncidentCheckedAtUtc",
                table: "InboxItems",
                columns: new[] { "Intent", "IncidentCheckedAtUtc" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentEntries");

            migrationBuilder.DropTable(
                name: "IncidentMessages");

            migrationBuilder.DropTable(
                name: "IncidentRoutingRules");

            migrationBuilder.DropTable(
                name: "IncidentSettings");

            migrationBuilder.DropTable(
                name: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_InboxItems_Intent_IncidentCheckedAtUtc",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "IncidentCheckedAtUtc",
                table: "InboxItems");
        }
    }
}
