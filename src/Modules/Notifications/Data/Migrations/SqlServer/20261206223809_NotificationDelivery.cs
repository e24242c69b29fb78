using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Notifications.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class NotificationDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveredAt",
                schema: "notifications",
                table: "notifications",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeliveryAttempts",
                schema: "notifications",
                table: "notifications",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryError",
                schema: "notifications",
                table: "notifications",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryReply",
                schema: "notifications",
                table: "notifications",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryState",
                schema: "notifications",
                table: "notifications",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "logged");

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                schema: "notifications",
                table: "notifications",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "owed_deliveries",
                schema: "notifications",
                columns: table => new
                {
                    NotificationId = table.Column<int>(type: "int", nullable: false),
                    OrderId = table.Column<int>(type: "int", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_owed_deliveries", x => x.NotificationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_DeliveryState",
                schema: "notifications",
                table: "notifications",
                column: "DeliveryState");

            migrationBuilder.CreateIndex(
                name: "IX_owed_deliveries_NextAttemptAt",
                schema: "notifications",
                table: "owed_deliveries",
                column: "NextAttemptAt");

            migrationBuilder.CreateIndex(
                name: "IX_owed_deliveries_OrderId",
                schema: "notifications",
                table: "owed_deliveries",
                column: "OrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "owed_deliveries",
                schema: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_notifications_DeliveryState",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveryAttempts",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveryError",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveryReply",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveryState",
                schema: "notifications",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "MessageId",
                schema: "notifications",
                table: "notifications");
        }
    }
}
