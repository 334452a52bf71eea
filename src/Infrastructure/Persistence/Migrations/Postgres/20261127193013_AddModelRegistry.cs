using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Invoke.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddModelRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "models");
        }
    }
}
