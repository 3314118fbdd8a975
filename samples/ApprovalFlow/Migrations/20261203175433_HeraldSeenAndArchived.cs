using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Migrations
{
    /// <inheritdoc />
    public partial class HeraldSeenAndArchived : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_herald_notifications_unread_type",
                table: "herald_notifications");

            migrationBuilder.AddColumn<DateTime>(
                name: "archived_at",
                table: "herald_notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "seen_at",
                table: "herald_notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_herald_notifications_archived_position",
                table: "herald_notifications",
                columns: new[] { "recipient", "position" },
                filter: "archived_at IS NOT NULL");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_herald_notifications_archived_position",
                table: "herald_notifications");

            migrationBuilder.DropIndex(
                name: "ix_herald_notifications_unread_type",
                table: "herald_notifications");

            migrationBuilder.DropIndex(
                name: "ix_herald_notifications_unseen_position",
                table: "herald_notifications");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "herald_notifications");

            migrationBuilder.DropColumn(
                name: "seen_at",
                table: "herald_notifications");

            migrationBuilder.CreateIndex(
                name: "ix_herald_notifications_unread_type",
                table: "herald_notifications",
                columns: new[] { "recipient", "type" },
                filter: "read_at IS NULL");
        }
    }
}
