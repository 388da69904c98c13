using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CourseKeyDefaults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "DefaultKeyBudget",
                table: "Courses",
                type: "TEXT",
                precision: 18,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefaultKeyBudgetReset",
                table: "Courses",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Never");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DefaultKeyExpiresOn",
                table: "Courses",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefaultKeyBudget",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "DefaultKeyBudgetReset",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "DefaultKeyExpiresOn",
                table: "Courses");
        }
    }
}
