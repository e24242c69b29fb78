CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "payments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_payments" PRIMARY KEY AUTOINCREMENT,
    "OrderId" INTEGER NOT NULL,
    "Amount" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "PaymentMethod" TEXT NOT NULL,
    "TransactionId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "refunds" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_refunds" PRIMARY KEY AUTOINCREMENT,
    "PaymentId" INTEGER NOT NULL,
    "Amount" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_refunds_payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "payments" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_payments_OrderId" ON "payments" ("OrderId");

CREATE INDEX "IX_payments_Status" ON "payments" ("Status");

CREATE INDEX "IX_refunds_PaymentId" ON "refunds" ("PaymentId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125124947_InitialCreate', '10.0.15');

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
VALUES ('20261130030836_AddIdempotencyKeys', '10.0.15');

CREATE TABLE "owed_webhooks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_owed_webhooks" PRIMARY KEY AUTOINCREMENT,
    "OrderId" INTEGER NOT NULL,
    "PaymentId" INTEGER NOT NULL,
    "PaymentStatus" TEXT NOT NULL,
    "TransactionId" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "ClaimedUntil" TEXT NULL,
    "LastError" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE INDEX "IX_owed_webhooks_NextAttemptAt" ON "owed_webhooks" ("NextAttemptAt");

CREATE INDEX "IX_owed_webhooks_OrderId" ON "owed_webhooks" ("OrderId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130050543_AddOwedWebhooks', '10.0.15');

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
VALUES ('20261206175227_AddAuditLog', '10.0.15');

ALTER TABLE "owed_webhooks" ADD "ClaimToken" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206223650_OwedWorkClaimToken', '10.0.15');

