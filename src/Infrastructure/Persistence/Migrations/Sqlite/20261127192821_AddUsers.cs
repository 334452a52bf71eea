using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Invoke.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddUsers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "app_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "login_throttle",
                columns: table => new
                {
                    scope_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    failures = table.Column<int>(type: "INTEGER", nullable: false),
                    window_started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    blocked_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_throttle", x => x.scope_key);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    email_key = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    password_hash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 255, nullable: false),
                    is_admin = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_login_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    token_epoch = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_users_admins_by_age",
                table: "users",
                columns: new[] { "is_admin", "is_active", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_users_created",
                table: "users",
                columns: new[] { "created_at", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ux_users_email_key",
                table: "users",
                column: "email_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_settings");

            migrationBuilder.DropTable(
                name: "login_throttle");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
