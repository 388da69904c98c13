using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KeySpendKept : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsMissingAtProvider",
                table: "StudentApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "LimitRemainingUsd",
                table: "StudentApiKeys",
                type: "TEXT",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SpendReadAt",
                table: "StudentApiKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "SpendThisPeriodUsd",
                table: "StudentApiKeys",
                type: "TEXT",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "SpendUsd",
                table: "StudentApiKeys",
                type: "TEXT",
                precision: 18,
                scale: 8,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsMissingAtProvider",
                table: "StudentApiKeys");

            migrationBuilder.DropColumn(
                name: "LimitRemainingUsd",
                table: "StudentApiKeys");

            migrationBuilder.DropColumn(
                name: "SpendReadAt",
                table: "StudentApiKeys");

            migrationBuilder.DropColumn(
                name: "SpendThisPeriodUsd",
                table: "StudentApiKeys");

            migrationBuilder.DropColumn(
                name: "SpendUsd",
                table: "StudentApiKeys");
        }
    }
}
