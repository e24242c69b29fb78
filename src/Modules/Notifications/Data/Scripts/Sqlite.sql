CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "notifications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_notifications" PRIMARY KEY AUTOINCREMENT,
    "OrderId" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "TemplateName" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Subject" TEXT NULL,
    "Body" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE INDEX "IX_notifications_OrderId" ON "notifications" ("OrderId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125124958_InitialCreate', '10.0.15');

ALTER TABLE "notifications" ADD "DeliveredAt" TEXT NULL;

ALTER TABLE "notifications" ADD "DeliveryAttempts" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "notifications" ADD "DeliveryError" TEXT NULL;

ALTER TABLE "notifications" ADD "DeliveryReply" TEXT NULL;

ALTER TABLE "notifications" ADD "DeliveryState" TEXT NOT NULL DEFAULT 'logged';

ALTER TABLE "notifications" ADD "MessageId" TEXT NULL;

CREATE TABLE "owed_deliveries" (
    "NotificationId" INTEGER NOT NULL CONSTRAINT "PK_owed_deliveries" PRIMARY KEY,
    "OrderId" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "ClaimedUntil" TEXT NULL,
    "ClaimToken" TEXT NULL,
    "LastError" TEXT NULL
);

CREATE INDEX "IX_notifications_DeliveryState" ON "notifications" ("DeliveryState");

CREATE INDEX "IX_owed_deliveries_NextAttemptAt" ON "owed_deliveries" ("NextAttemptAt");

CREATE INDEX "IX_owed_deliveries_OrderId" ON "owed_deliveries" ("OrderId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206223749_NotificationDelivery', '10.0.15');

CREATE TABLE "audit_log" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_audit_log" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE INDEX "IX_audit_log_At" ON "audit_log" ("At");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207044001_NotificationsAuditLog', '10.0.15');

