IF OBJECT_ID(N'[payments].[__EFMigrationsHistory]') IS NULL
BEGIN
    IF SCHEMA_ID(N'payments') IS NULL EXEC(N'CREATE SCHEMA [payments];');
    CREATE TABLE [payments].[__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125020_InitialCreate'
)
BEGIN
    IF SCHEMA_ID(N'payments') IS NULL EXEC(N'CREATE SCHEMA [payments];');
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125020_InitialCreate'
)
BEGIN
    CREATE TABLE [payments].[payments] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [Amount] decimal(24,6) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [PaymentMethod] nvarchar(64) NOT NULL,
        [TransactionId] nvarchar(36) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_payments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125020_InitialCreate'
)
BEGIN
    CREATE TABLE [payments].[refunds] (
        [Id] int NOT NULL IDENTITY,
        [PaymentId] int NOT NULL,
        [Amount] decimal(24,6) NOT NULL,
        [Reason] nvarchar(max) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_refunds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_refunds_payments_PaymentId] FOREIGN KEY ([PaymentId]) REFERENCES [payments].[payments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125020_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_payments_OrderId] ON [payments].[payments] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125020_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_payments_Status] ON [payments].[payments] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125020_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_refunds_PaymentId] ON [payments].[refunds] ([PaymentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125020_InitialCreate'
)
BEGIN
    INSERT INTO [payments].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125125020_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130030905_AddIdempotencyKeys'
)
BEGIN
    CREATE TABLE [payments].[idempotency_keys] (
        [Key] nvarchar(255) NOT NULL,
        [Fingerprint] nvarchar(64) NOT NULL,
        [StatusCode] int NULL,
        [ContentType] nvarchar(100) NULL,
        [Body] varbinary(max) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_idempotency_keys] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130030905_AddIdempotencyKeys'
)
BEGIN
    CREATE INDEX [IX_idempotency_keys_CreatedAt] ON [payments].[idempotency_keys] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130030905_AddIdempotencyKeys'
)
BEGIN
    INSERT INTO [payments].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130030905_AddIdempotencyKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130050547_AddOwedWebhooks'
)
BEGIN
    CREATE TABLE [payments].[owed_webhooks] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [PaymentId] int NOT NULL,
        [PaymentStatus] nvarchar(20) NOT NULL,
        [TransactionId] nvarchar(100) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [ClaimedUntil] datetime2 NULL,
        [LastError] nvarchar(500) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_owed_webhooks] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130050547_AddOwedWebhooks'
)
BEGIN
    CREATE INDEX [IX_owed_webhooks_NextAttemptAt] ON [payments].[owed_webhooks] ([NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130050547_AddOwedWebhooks'
)
BEGIN
    CREATE INDEX [IX_owed_webhooks_OrderId] ON [payments].[owed_webhooks] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130050547_AddOwedWebhooks'
)
BEGIN
    INSERT INTO [payments].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130050547_AddOwedWebhooks', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206175248_AddAuditLog'
)
BEGIN
    CREATE TABLE [payments].[audit_log] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetime2 NOT NULL,
        [Actor] nvarchar(200) NOT NULL,
        [Action] nvarchar(50) NOT NULL,
        [Subject] nvarchar(100) NOT NULL,
        [Detail] nvarchar(1000) NULL,
        CONSTRAINT [PK_audit_log] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206175248_AddAuditLog'
)
BEGIN
    CREATE INDEX [IX_audit_log_At] ON [payments].[audit_log] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206175248_AddAuditLog'
)
BEGIN
    INSERT INTO [payments].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206175248_AddAuditLog', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223709_OwedWorkClaimToken'
)
BEGIN
    ALTER TABLE [payments].[owed_webhooks] ADD [ClaimToken] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [payments].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223709_OwedWorkClaimToken'
)
BEGIN
    INSERT INTO [payments].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206223709_OwedWorkClaimToken', N'10.0.15');
END;

COMMIT;
GO

