using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Invoke.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "app_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "login_throttle",
                columns: table => new
                {
                    scope_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    window_started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_throttle", x => x.scope_key);
                });

            migrationBuilder.CreateTable(
                name: "models",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    @base = table.Column<string>(name: "base", type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    format = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    path = table.Column<string>(type: "character varying(850)", maxLength: 850, nullable: false),
                    hash = table.Column<string>(type: "character varying(160)", unicode: false, maxLength: 160, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    source_type = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    file_size = table.Column<long>(type: "bigint", nullable: false),
                    config = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_models", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    email_key = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    display_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    password_hash = table.Column<string>(type: "character varying(255)", unicode: false, maxLength: 255, nullable: false),
                    is_admin = table.Column<bool>(type: "boolean", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_login_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    token_epoch = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_library",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    workflow_id = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    category = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "text", nullable: false),
                    tags = table.Column<string>(type: "text", nullable: false),
                    is_public = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    opened_order = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    has_thumbnail = table.Column<bool>(type: "boolean", nullable: false),
                    workflow_return_nodes = table.Column<int>(type: "integer", nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    tag_search_text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_library", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_library_counts",
                columns: table => new
                {
                    category = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    is_public = table.Column<bool>(type: "boolean", nullable: false),
                    is_opened = table.Column<bool>(type: "boolean", nullable: false),
                    workflow_count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_library_counts", x => new { x.category, x.is_public, x.is_opened });
                });

            migrationBuilder.CreateTable(
                name: "workflow_documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    workflow = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_documents", x => x.id);
                    table.ForeignKey(
                        name: "FK_workflow_documents_workflow_library_id",
                        column: x => x.id,
                        principalTable: "workflow_library",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_login_throttle_window_started_at",
                table: "login_throttle",
                column: "window_started_at");

            migrationBuilder.CreateIndex(
                name: "ix_models_base",
                table: "models",
                columns: new[] { "base", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_models_format",
                table: "models",
                columns: new[] { "format", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_models_hash",
                table: "models",
                column: "hash");

            migrationBuilder.CreateIndex(
                name: "ix_models_name",
                table: "models",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_models_type",
                table: "models",
                columns: new[] { "type", "base", "name", "format", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_models_path",
                table: "models",
                column: "path",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_category_created",
                table: "workflow_library",
                columns: new[] { "category", "created_at", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_category_name",
                table: "workflow_library",
                columns: new[] { "category", "name", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_category_opened",
                table: "workflow_library",
                columns: new[] { "category", "opened_order", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_category_updated",
                table: "workflow_library",
                columns: new[] { "category", "updated_at", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_owner_created",
                table: "workflow_library",
                columns: new[] { "user_id", "category", "created_at", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_owner_name",
                table: "workflow_library",
                columns: new[] { "user_id", "category", "name", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_owner_opened",
                table: "workflow_library",
                columns: new[] { "user_id", "category", "opened_order", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_owner_updated",
                table: "workflow_library",
                columns: new[] { "user_id", "category", "updated_at", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_search_trgm",
                table: "workflow_library",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_library_shared_name",
                table: "workflow_library",
                columns: new[] { "is_public", "category", "name", "workflow_id" });

            migrationBuilder.CreateIndex(
                name: "ux_workflow_library_workflow_id",
                table: "workflow_library",
                column: "workflow_id",
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
                name: "models");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "workflow_documents");

            migrationBuilder.DropTable(
                name: "workflow_library_counts");

            migrationBuilder.DropTable(
                name: "workflow_library");
        }
    }
}
