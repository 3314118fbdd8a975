using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
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
                name: "herald_outbox");

            migrationBuilder.DropTable(
                name: "herald_streams");

            migrationBuilder.DropTable(
                name: "herald_notifications");
        }
    }
}
