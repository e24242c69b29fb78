using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Orders.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OwedWorkClaimToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                schema: "orders",
                table: "unfinished_chains",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                schema: "orders",
                table: "owed_refunds",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                schema: "orders",
                table: "owed_emails",
                type: "uniqueidentifier",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClaimToken",
                schema: "orders",
                table: "unfinished_chains");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                schema: "orders",
                table: "owed_refunds");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                schema: "orders",
                table: "owed_emails");
        }
    }
}
