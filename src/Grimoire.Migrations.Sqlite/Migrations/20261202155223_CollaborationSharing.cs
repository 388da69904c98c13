using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CollaborationSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "EditedByUserId",
                table: "PlaygroundMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StudentsMayShareWorkspaces",
                table: "Courses",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EditedByUserId",
                table: "PlaygroundMessages");

            migrationBuilder.DropColumn(
                name: "StudentsMayShareWorkspaces",
                table: "Courses");
        }
    }
}
