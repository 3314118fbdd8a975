using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Migrations
{
    /// <inheritdoc />
    public partial class HeraldOutboxClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_herald_outbox_claim",
                table: "herald_outbox",
                column: "claim_token",
                filter: "claim_token IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_herald_outbox_claim",
                table: "herald_outbox");
        }
    }
}
