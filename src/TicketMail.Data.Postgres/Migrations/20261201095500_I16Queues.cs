using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TicketMail.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class I16Queues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_status",
                table: "outbox");

            migrationBuilder.AddColumn<string>(
                name: "queue",
                table: "tickets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "support");

            migrationBuilder.AlterColumn<long>(
                name: "ticket_id",
                table: "outbox",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<DateTime>(
                name: "next_attempt_at",
                table: "outbox",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateIndex(
                name: "ix_tickets_queue_last_message_at",
                table: "tickets",
                columns: new[] { "queue", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_status_next_attempt_at",
                table: "outbox",
                columns: new[] { "status", "next_attempt_at" });

            // Full-text search (tickets search): a GIN index over the 'simple' configuration (no stemming, so every
            // language works). EF cannot express an expression index over to_tsvector, hence raw SQL; the expression
            // must stay identical to the query's (both come from SearchSql.Document), or the planner cannot use the index.
            migrationBuilder.Sql("CREATE INDEX ix_messages_search ON messages USING GIN (" + SearchSql.Document("") + ");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_messages_search;");

            migrationBuilder.DropIndex(
                name: "ix_tickets_queue_last_message_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_outbox_status_next_attempt_at",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "queue",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "outbox");

            migrationBuilder.AlterColumn<long>(
                name: "ticket_id",
                table: "outbox",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_status",
                table: "outbox",
                column: "status");
        }
    }
}
