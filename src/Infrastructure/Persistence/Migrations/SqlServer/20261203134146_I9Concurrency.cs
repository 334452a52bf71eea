using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Invoke.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class I9Concurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "workflow_library",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "workflow_library");
        }
    }
}
