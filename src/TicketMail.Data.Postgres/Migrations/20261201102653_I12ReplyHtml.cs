using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TicketMail.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class I12ReplyHtml : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "reply_html",
                table: "messages",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "reply_html",
                table: "messages");
        }
    }
}
