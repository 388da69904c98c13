using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Postgres.Migrations
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StudentsMayShareWorkspaces",
                table: "Courses",
                type: "boolean",
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
