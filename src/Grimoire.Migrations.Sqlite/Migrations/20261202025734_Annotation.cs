using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Annotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ConversationId",
                table: "WorkspaceDocuments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CreatedByUserId",
                table: "WorkspaceDocuments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceJson",
                table: "WorkspaceDocuments",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TextContent",
                table: "WorkspaceDocuments",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "WorkspaceDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AnnotationTags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnotationTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnotationTags_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Highlights",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartOffset = table.Column<int>(type: "INTEGER", nullable: false),
                    EndOffset = table.Column<int>(type: "INTEGER", nullable: false),
                    QuotedText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Suffix = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    TagId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Highlights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Highlights_AnnotationTags_TagId",
                        column: x => x.TagId,
                        principalTable: "AnnotationTags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Highlights_Users_AuthorUserId",
                        column: x => x.AuthorUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Highlights_WorkspaceDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "WorkspaceDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HighlightComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HighlightId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HighlightComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HighlightComments_Highlights_HighlightId",
                        column: x => x.HighlightId,
                        principalTable: "Highlights",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HighlightComments_Users_AuthorUserId",
                        column: x => x.AuthorUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceDocuments_ConversationId_Version",
                table: "WorkspaceDocuments",
                columns: new[] { "ConversationId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTags_WorkspaceId_Name",
                table: "AnnotationTags",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HighlightComments_AuthorUserId",
                table: "HighlightComments",
                column: "AuthorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_HighlightComments_HighlightId",
                table: "HighlightComments",
                column: "HighlightId");

            migrationBuilder.CreateIndex(
                name: "IX_Highlights_AuthorUserId",
                table: "Highlights",
                column: "AuthorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Highlights_DocumentId_StartOffset",
                table: "Highlights",
                columns: new[] { "DocumentId", "StartOffset" });

            migrationBuilder.CreateIndex(
                name: "IX_Highlights_TagId",
                table: "Highlights",
                column: "TagId");

            migrationBuilder.AddForeignKey(
                name: "FK_WorkspaceDocuments_PlaygroundConversations_ConversationId",
                table: "WorkspaceDocuments",
                column: "ConversationId",
                principalTable: "PlaygroundConversations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_WorkspaceDocuments_PlaygroundConversations_ConversationId",
                table: "WorkspaceDocuments");

            migrationBuilder.DropTable(
                name: "HighlightComments");

            migrationBuilder.DropTable(
                name: "Highlights");

            migrationBuilder.DropTable(
                name: "AnnotationTags");

            migrationBuilder.DropIndex(
                name: "IX_WorkspaceDocuments_ConversationId_Version",
                table: "WorkspaceDocuments");

            migrationBuilder.DropColumn(
                name: "ConversationId",
                table: "WorkspaceDocuments");

            migrationBuilder.DropColumn(
                name: "CreatedByUserId",
                table: "WorkspaceDocuments");

            migrationBuilder.DropColumn(
                name: "SourceJson",
                table: "WorkspaceDocuments");

            migrationBuilder.DropColumn(
                name: "TextContent",
                table: "WorkspaceDocuments");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "WorkspaceDocuments");
        }
    }
}
