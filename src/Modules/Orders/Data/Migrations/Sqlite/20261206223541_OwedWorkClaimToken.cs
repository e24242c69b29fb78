using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Orders.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwedWorkClaimToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "unfinished_chains",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "owed_refunds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "owed_emails",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "unfinished_chains");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "owed_refunds");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "owed_emails");
        }
    }
}
