using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Postgres.Migrations
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
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefaultKeyBudgetReset",
                table: "Courses",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Never");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DefaultKeyExpiresOn",
                table: "Courses",
                type: "date",
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
