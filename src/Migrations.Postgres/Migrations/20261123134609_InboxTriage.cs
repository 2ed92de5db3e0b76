using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareDialog.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InboxTriage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Intent",
                table: "InboxItems",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "InboxItems",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sentiment",
                table: "InboxItems",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TriageExplanation",
                table: "InboxItems",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Urgency",
                table: "InboxItems",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Intent",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "Sentiment",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "TriageExplanation",
                table: "InboxItems");

            migrationBuilder.DropColumn(
                name: "Urgency",
                table: "InboxItems");
        }
    }
}
