using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Invoke.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "workflow_library",
                columns: table => new
                {
                    workflow_id = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    category = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    description = table.Column<string>(type: "text", nullable: false),
                    tags = table.Column<string>(type: "text", nullable: false),
                    workflow = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("PK_workflow_library", x => x.workflow_id);
                });

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
                name: "ix_workflow_library_shared_name",
                table: "workflow_library",
                columns: new[] { "is_public", "category", "name", "workflow_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workflow_library");
        }
    }
}
