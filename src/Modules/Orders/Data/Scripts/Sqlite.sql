CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "orders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_orders" PRIMARY KEY AUTOINCREMENT,
    "CustomerEmail" TEXT NOT NULL,
    "CustomerName" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "TotalAmount" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "order_items" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_order_items" PRIMARY KEY AUTOINCREMENT,
    "OrderId" INTEGER NOT NULL,
    "ProductName" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "UnitPrice" TEXT NOT NULL,
    CONSTRAINT "FK_order_items_orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "orders" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_order_items_OrderId" ON "order_items" ("OrderId");

CREATE INDEX "IX_orders_CustomerEmail" ON "orders" ("CustomerEmail");

CREATE INDEX "IX_orders_Status" ON "orders" ("Status");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125124936_InitialCreate', '10.0.15');

ALTER TABLE "orders" ADD "ExternalId" TEXT NULL;

CREATE UNIQUE INDEX "IX_orders_ExternalId" ON "orders" ("ExternalId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125131056_AddOrderExternalId', '10.0.15');

CREATE TABLE "idempotency_keys" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_idempotency_keys" PRIMARY KEY,
    "Fingerprint" TEXT NOT NULL,
    "StatusCode" INTEGER NULL,
    "ContentType" TEXT NULL,
    "Body" BLOB NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE INDEX "IX_idempotency_keys_CreatedAt" ON "idempotency_keys" ("CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130030741_AddIdempotencyKeys', '10.0.15');

CREATE TABLE "owed_emails" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_owed_emails" PRIMARY KEY AUTOINCREMENT,
    "OrderId" INTEGER NOT NULL,
    "Message" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "ClaimedUntil" TEXT NULL,
    "LastError" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE INDEX "IX_owed_emails_NextAttemptAt" ON "owed_emails" ("NextAttemptAt");

CREATE INDEX "IX_owed_emails_OrderId" ON "owed_emails" ("OrderId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130031618_AddOwedEmails', '10.0.15');

CREATE TABLE "unfinished_chains" (
    "OrderId" INTEGER NOT NULL CONSTRAINT "PK_unfinished_chains" PRIMARY KEY,
    "StartedAt" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "ClaimedUntil" TEXT NULL,
    "LastError" TEXT NULL
);

CREATE INDEX "IX_unfinished_chains_NextAttemptAt" ON "unfinished_chains" ("NextAttemptAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130035131_AddUnfinishedChains', '10.0.15');

CREATE TABLE "owed_refunds" (
    "OrderId" INTEGER NOT NULL CONSTRAINT "PK_owed_refunds" PRIMARY KEY,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "ClaimedUntil" TEXT NULL,
    "LastError" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE INDEX "IX_owed_refunds_NextAttemptAt" ON "owed_refunds" ("NextAttemptAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130041352_AddOwedRefunds', '10.0.15');

CREATE TABLE "applied_webhooks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_applied_webhooks" PRIMARY KEY,
    "AppliedAt" TEXT NOT NULL
);

CREATE INDEX "IX_applied_webhooks_AppliedAt" ON "applied_webhooks" ("AppliedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206173804_AddAppliedWebhooks', '10.0.15');

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
VALUES ('20261206175115_AddAuditLog', '10.0.15');

ALTER TABLE "unfinished_chains" ADD "ClaimToken" TEXT NULL;

ALTER TABLE "owed_refunds" ADD "ClaimToken" TEXT NULL;

ALTER TABLE "owed_emails" ADD "ClaimToken" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206223541_OwedWorkClaimToken', '10.0.15');

CREATE TABLE "step_attempts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_step_attempts" PRIMARY KEY AUTOINCREMENT,
    "OrderId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "Step" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE INDEX "IX_step_attempts_OrderId" ON "step_attempts" ("OrderId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207041016_StepAttempts', '10.0.15');

