using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "LimitRemainingUsd",
                table: "StudentApiKeys",
                type: "numeric(18,8)",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SpendReadAt",
                table: "StudentApiKeys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "SpendThisPeriodUsd",
                table: "StudentApiKeys",
                type: "numeric(18,8)",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "SpendUsd",
                table: "StudentApiKeys",
                type: "numeric(18,8)",
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
