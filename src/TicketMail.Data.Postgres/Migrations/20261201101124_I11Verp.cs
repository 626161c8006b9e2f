using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TicketMail.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class I11Verp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_outbox_message_id",
                table: "outbox",
                column: "message_id");
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
