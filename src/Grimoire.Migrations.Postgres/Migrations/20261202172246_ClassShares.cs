using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClassShares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClassShares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceConversationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SnapshotConversationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SharedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassShares_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClassShares_PlaygroundConversations_SnapshotConversationId",
                        column: x => x.SnapshotConversationId,
                        principalTable: "PlaygroundConversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ClassShares_PlaygroundConversations_SourceConversationId",
                        column: x => x.SourceConversationId,
                        principalTable: "PlaygroundConversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ClassShares_Users_SharedByUserId",
                        column: x => x.SharedByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClassShareCopies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassShareId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassShareCopies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassShareCopies_ClassShares_ClassShareId",
                        column: x => x.ClassShareId,
                        principalTable: "ClassShares",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClassShareCopies_PlaygroundConversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "PlaygroundConversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ClassShareCopies_Users_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClassShareCopies_ClassShareId_StudentId",
                table: "ClassShareCopies",
                columns: new[] { "ClassShareId", "StudentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassShareCopies_ConversationId",
                table: "ClassShareCopies",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassShareCopies_StudentId",
                table: "ClassShareCopies",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassShares_CourseId_WithdrawnAt",
                table: "ClassShares",
                columns: new[] { "CourseId", "WithdrawnAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClassShares_SharedByUserId",
                table: "ClassShares",
                column: "SharedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassShares_SnapshotConversationId",
                table: "ClassShares",
                column: "SnapshotConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassShares_SourceConversationId",
                table: "ClassShares",
                column: "SourceConversationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClassShareCopies");

            migrationBuilder.DropTable(
                name: "ClassShares");
        }
    }
}
