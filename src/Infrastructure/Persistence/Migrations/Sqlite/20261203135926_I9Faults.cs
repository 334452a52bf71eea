using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Invoke.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I9Faults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "model_install_jobs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    status = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    job = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_install_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_thumbnails",
                columns: table => new
                {
                    workflow_row_id = table.Column<long>(type: "INTEGER", nullable: false),
                    image = table.Column<byte[]>(type: "BLOB", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_thumbnails", x => x.workflow_row_id);
                    table.ForeignKey(
                        name: "fk_workflow_thumbnails_workflow_library",
                        column: x => x.workflow_row_id,
                        principalTable: "workflow_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_install_jobs");

            migrationBuilder.DropTable(
                name: "workflow_thumbnails");
        }
    }
}
