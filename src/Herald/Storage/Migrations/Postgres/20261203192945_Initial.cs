using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "herald_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    sender = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    link = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    data = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    archived_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_herald_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "herald_send_keys",
                columns: table => new
                {
                    caller = table.Column<string>(type: "character varying(264)", maxLength: 264, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    notification_ids = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_herald_send_keys", x => new { x.caller, x.idempotency_key });
                });

            migrationBuilder.CreateTable(
                name: "herald_streams",
                columns: table => new
                {
                    recipient = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    last_position = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_herald_streams", x => x.recipient);
                });

            migrationBuilder.CreateTable(
                name: "herald_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    available_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    claim_token = table.Column<Guid>(type: "uuid", nullable: true),
                    claimed_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                name: "ix_herald_notifications_archived_position",
                table: "herald_notifications",
                columns: new[] { "recipient", "position" },
                filter: "archived_at IS NOT NULL");

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
                filter: "read_at IS NULL AND archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_herald_notifications_unseen_position",
                table: "herald_notifications",
                columns: new[] { "recipient", "position" },
                filter: "seen_at IS NULL");

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
                name: "herald_outbox");

            migrationBuilder.DropTable(
                name: "herald_send_keys");

            migrationBuilder.DropTable(
                name: "herald_streams");

            migrationBuilder.DropTable(
                name: "herald_notifications");
        }
    }
}
