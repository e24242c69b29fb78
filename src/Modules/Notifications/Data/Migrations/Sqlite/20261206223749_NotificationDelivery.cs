using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotificationDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveredAt",
                table: "notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeliveryAttempts",
                table: "notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryError",
                table: "notifications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryReply",
                table: "notifications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryState",
                table: "notifications",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "logged");

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "notifications",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "owed_deliveries",
                columns: table => new
                {
                    NotificationId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_owed_deliveries", x => x.NotificationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_DeliveryState",
                table: "notifications",
                column: "DeliveryState");

            migrationBuilder.CreateIndex(
                name: "IX_owed_deliveries_NextAttemptAt",
                table: "owed_deliveries",
                column: "NextAttemptAt");

            migrationBuilder.CreateIndex(
                name: "IX_owed_deliveries_OrderId",
                table: "owed_deliveries",
                column: "OrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "owed_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_notifications_DeliveryState",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveryAttempts",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveryError",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveryReply",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "DeliveryState",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "notifications");
        }
    }
}
