using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Invoke.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I11WebUiAndLiveUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "client_state",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_state", x => new { x.user_id, x.key });
                    table.ForeignKey(
                        name: "FK_client_state_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "user_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "live_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    rooms = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_live_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_live_events_created_at",
                table: "live_events",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_state");

            migrationBuilder.DropTable(
                name: "live_events");
        }
    }
}
