using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UsageRecordsAndBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "CourseBudget",
                table: "Courses",
                type: "TEXT",
                precision: 18,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "NearLimitShare",
                table: "Courses",
                type: "TEXT",
                precision: 5,
                scale: 4,
                nullable: false,
                defaultValue: 0.8m);

            migrationBuilder.AddColumn<decimal>(
                name: "StudentBudget",
                table: "Courses",
                type: "TEXT",
                precision: 18,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZoneId",
                table: "Courses",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "UTC");

            migrationBuilder.AddColumn<string>(
                name: "UsageBudgetReset",
                table: "Courses",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Never");

            migrationBuilder.CreateTable(
                name: "UsageRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ModelConfigId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimeToFirstTokenMs = table.Column<int>(type: "INTEGER", nullable: true),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    ThinkingTokens = table.Column<long>(type: "INTEGER", nullable: true),
                    CachedInputTokens = table.Column<long>(type: "INTEGER", nullable: true),
                    Cost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    CostSource = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_CourseId_StartedAt",
                table: "UsageRecords",
                columns: new[] { "CourseId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_MessageId_StartedAt",
                table: "UsageRecords",
                columns: new[] { "MessageId", "StartedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_UserId_CourseId_FinishedAt",
                table: "UsageRecords",
                columns: new[] { "UserId", "CourseId", "FinishedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "CourseBudget",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "NearLimitShare",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "StudentBudget",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "TimeZoneId",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "UsageBudgetReset",
                table: "Courses");
        }
    }
}
