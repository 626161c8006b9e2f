using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TicketMail.Data.Sqlite.Migrations
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
                type: "TEXT",
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
