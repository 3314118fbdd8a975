using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "herald_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    sender = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    link = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    data = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_herald_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "herald_send_keys",
                columns: table => new
                {
                    caller = table.Column<string>(type: "TEXT", maxLength: 264, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    notification_ids = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_herald_send_keys", x => new { x.caller, x.idempotency_key });
                });

            migrationBuilder.CreateTable(
                name: "herald_streams",
                columns: table => new
                {
                    recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    last_position = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_herald_streams", x => x.recipient);
                });

            migrationBuilder.CreateTable(
                name: "approval_decisions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    request_id = table.Column<int>(type: "INTEGER", nullable: false),
                    verdict = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_decisions", x => x.id);
                    table.ForeignKey(
                        name: "FK_approval_decisions_approval_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "approval_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "herald_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    notification_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    available_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claim_token = table.Column<Guid>(type: "TEXT", nullable: true),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_herald_outbox", x => x.id);
                    table.ForeignKey(
                        name: "FK_herald_outbox_herald_notifications_notification_id",
                        column: x => x.notification_id,
                        principalTable: "herald_notifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_approval_decisions_request",
                table: "approval_decisions",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_herald_notifications_recipient_position",
                table: "herald_notifications",
                columns: new[] { "recipient", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_herald_notifications_recipient_type_position",
                table: "herald_notifications",
                columns: new[] { "recipient", "type", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_herald_notifications_unread_position",
                table: "herald_notifications",
                columns: new[] { "recipient", "position" },
                filter: "read_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_herald_notifications_unread_type",
                table: "herald_notifications",
                columns: new[] { "recipient", "type" },
                filter: "read_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_herald_outbox_notification",
                table: "herald_outbox",
                column: "notification_id");

            migrationBuilder.CreateIndex(
                name: "ix_herald_outbox_state_id",
                table: "herald_outbox",
                columns: new[] { "state", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_decisions");

            migrationBuilder.DropTable(
                name: "herald_outbox");

            migrationBuilder.DropTable(
                name: "herald_send_keys");

            migrationBuilder.DropTable(
                name: "herald_streams");

            migrationBuilder.DropTable(
                name: "approval_requests");

            migrationBuilder.DropTable(
                name: "herald_notifications");
        }
    }
}
