using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PlaygroundTurnDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FinishedAt",
                table: "PlaygroundMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstTokenAt",
                table: "PlaygroundMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GenerationId",
                table: "PlaygroundMessages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ModelConfigId",
                table: "PlaygroundMessages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestBody",
                table: "PlaygroundMessages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestUrl",
                table: "PlaygroundMessages",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ThinkingBlocksJson",
                table: "PlaygroundMessages",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlaygroundMessages_ModelConfigId",
                table: "PlaygroundMessages",
                column: "ModelConfigId");

            migrationBuilder.AddForeignKey(
                name: "FK_PlaygroundMessages_CourseModelConfigs_ModelConfigId",
                table: "PlaygroundMessages",
                column: "ModelConfigId",
                principalTable: "CourseModelConfigs",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PlaygroundMessages_CourseModelConfigs_ModelConfigId",
                table: "PlaygroundMessages");

            migrationBuilder.DropIndex(
                name: "IX_PlaygroundMessages_ModelConfigId",
                table: "PlaygroundMessages");

            migrationBuilder.DropColumn(
                name: "FinishedAt",
                table: "PlaygroundMessages");

            migrationBuilder.DropColumn(
                name: "FirstTokenAt",
                table: "PlaygroundMessages");

            migrationBuilder.DropColumn(
                name: "GenerationId",
                table: "PlaygroundMessages");

            migrationBuilder.DropColumn(
                name: "ModelConfigId",
                table: "PlaygroundMessages");

            migrationBuilder.DropColumn(
                name: "RequestBody",
                table: "PlaygroundMessages");

            migrationBuilder.DropColumn(
                name: "RequestUrl",
                table: "PlaygroundMessages");

            migrationBuilder.DropColumn(
                name: "ThinkingBlocksJson",
                table: "PlaygroundMessages");
        }
    }
}
