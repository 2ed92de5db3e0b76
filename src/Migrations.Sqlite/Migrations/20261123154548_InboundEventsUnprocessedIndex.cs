using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareDialog.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboundEventsUnprocessedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundEvents_ProcessedAtUtc",
                table: "InboundEvents");

            migrationBuilder.CreateIndex(
                name: "IX_InboundEvents_Unprocessed",
                table: "InboundEvents",
                column: "Id",
                filter: "\"ProcessedAtUtc\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundEvents_Unprocessed",
                table: "InboundEvents");

            migrationBuilder.CreateIndex(
                name: "IX_InboundEvents_ProcessedAtUtc",
                table: "InboundEvents",
                column: "ProcessedAtUtc");
        }
    }
}
