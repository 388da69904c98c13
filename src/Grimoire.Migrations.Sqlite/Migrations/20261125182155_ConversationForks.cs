using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grimoire.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConversationForks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ForkedFromConversationId",
                table: "PlaygroundConversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ForkedFromMessageId",
                table: "PlaygroundConversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlaygroundConversations_ForkedFromConversationId",
                table: "PlaygroundConversations",
                column: "ForkedFromConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_PlaygroundConversations_ForkedFromMessageId",
                table: "PlaygroundConversations",
                column: "ForkedFromMessageId");

            migrationBuilder.AddForeignKey(
                name: "FK_PlaygroundConversations_PlaygroundConversations_ForkedFromConversationId",
                table: "PlaygroundConversations",
                column: "ForkedFromConversationId",
                principalTable: "PlaygroundConversations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_PlaygroundConversations_PlaygroundMessages_ForkedFromMessageId",
                table: "PlaygroundConversations",
                column: "ForkedFromMessageId",
                principalTable: "PlaygroundMessages",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PlaygroundConversations_PlaygroundConversations_ForkedFromConversationId",
                table: "PlaygroundConversations");

            migrationBuilder.DropForeignKey(
                name: "FK_PlaygroundConversations_PlaygroundMessages_ForkedFromMessageId",
                table: "PlaygroundConversations");

            migrationBuilder.DropIndex(
                name: "IX_PlaygroundConversations_ForkedFromConversationId",
                table: "PlaygroundConversations");

            migrationBuilder.DropIndex(
                name: "IX_PlaygroundConversations_ForkedFromMessageId",
                table: "PlaygroundConversations");

            migrationBuilder.DropColumn(
                name: "ForkedFromConversationId",
                table: "PlaygroundConversations");

            migrationBuilder.DropColumn(
                name: "ForkedFromMessageId",
                table: "PlaygroundConversations");
        }
    }
}
