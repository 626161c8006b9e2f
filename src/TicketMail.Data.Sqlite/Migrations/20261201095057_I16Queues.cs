using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TicketMail.Data.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "support");

            migrationBuilder.AlterColumn<long>(
                name: "ticket_id",
                table: "outbox",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<DateTime>(
                name: "next_attempt_at",
                table: "outbox",
                type: "TEXT",
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

            // The ticket_id change rebuilds the outbox table from this migration's model, which predates I11Verp's
            // index on message_id: a file that already had I11 (an id later than this one) would lose it.
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_outbox_message_id ON outbox (message_id);");

            // Full-text search (tickets search). EF has no FTS5 support, hence raw SQL: an external-content FTS5
            // table over the message columns, filled from the existing rows, and triggers that keep it in step in
            // the same transaction as every insert, update and delete of a message (a cascade from a ticket included).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE messages_fts USING fts5(subject, from_address, from_name, text_body, content='messages', content_rowid='id');
                """);
            migrationBuilder.Sql("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');");
            migrationBuilder.Sql("""
                CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                  INSERT INTO messages_fts(rowid, subject, from_address, from_name, text_body)
                  VALUES (new.id, new.subject, new.from_address, new.from_name, new.text_body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                  INSERT INTO messages_fts(messages_fts, rowid, subject, from_address, from_name, text_body)
                  VALUES ('delete', old.id, old.subject, old.from_address, old.from_name, old.text_body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, from_address, from_name, text_body ON messages BEGIN
                  INSERT INTO messages_fts(messages_fts, rowid, subject, from_address, from_name, text_body)
                  VALUES ('delete', old.id, old.subject, old.from_address, old.from_name, old.text_body);
                  INSERT INTO messages_fts(rowid, subject, from_address, from_name, text_body)
                  VALUES (new.id, new.subject, new.from_address, new.from_name, new.text_body);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS messages_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS messages_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS messages_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS messages_fts;");

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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_status",
                table: "outbox",
                column: "status");
        }
    }
}
