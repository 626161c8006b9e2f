using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TicketMail.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class I11Verp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // IF NOT EXISTS: I16Queues (an earlier id, merged later) rebuilds the outbox table on SQLite and creates
            // this index again itself, so a file that had I11 before I16 keeps it; on a fresh file I16 came first.
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_outbox_message_id ON outbox (message_id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_message_id",
                table: "outbox");
        }
    }
}
