using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TicketMail.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class I15Reliability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_dedupe_key",
                table: "messages");

            migrationBuilder.AddColumn<string>(
                name: "body_sha256",
                table: "messages",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "sender_counters",
                columns: table => new
                {
                    address = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    window_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sender_counters", x => new { x.address, x.kind, x.window_start });
                });

            migrationBuilder.CreateIndex(
                name: "ix_messages_dedupe_key_body_sha256",
                table: "messages",
                columns: new[] { "dedupe_key", "body_sha256" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sender_counters");

            migrationBuilder.DropIndex(
                name: "ix_messages_dedupe_key_body_sha256",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "body_sha256",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "ix_messages_dedupe_key",
                table: "messages",
                column: "dedupe_key",
                unique: true);
        }
    }
}
