IF OBJECT_ID(N'[orders].[__EFMigrationsHistory]') IS NULL
BEGIN
    IF SCHEMA_ID(N'orders') IS NULL EXEC(N'CREATE SCHEMA [orders];');
    CREATE TABLE [orders].[__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125012_InitialCreate'
)
BEGIN
    IF SCHEMA_ID(N'orders') IS NULL EXEC(N'CREATE SCHEMA [orders];');
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125012_InitialCreate'
)
BEGIN
    CREATE TABLE [orders].[orders] (
        [Id] int NOT NULL IDENTITY,
        [CustomerEmail] nvarchar(320) NOT NULL,
        [CustomerName] nvarchar(200) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [TotalAmount] decimal(28,6) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_orders] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125012_InitialCreate'
)
BEGIN
    CREATE TABLE [orders].[order_items] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [ProductName] nvarchar(200) NOT NULL,
        [Quantity] int NOT NULL,
        [UnitPrice] decimal(24,6) NOT NULL,
        CONSTRAINT [PK_order_items] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_order_items_orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [orders].[orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125012_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_order_items_OrderId] ON [orders].[order_items] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125012_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_orders_CustomerEmail] ON [orders].[orders] ([CustomerEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125012_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_orders_Status] ON [orders].[orders] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125012_InitialCreate'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125125012_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125131103_AddOrderExternalId'
)
BEGIN
    ALTER TABLE [orders].[orders] ADD [ExternalId] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125131103_AddOrderExternalId'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_orders_ExternalId] ON [orders].[orders] ([ExternalId]) WHERE [ExternalId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125131103_AddOrderExternalId'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125131103_AddOrderExternalId', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130030810_AddIdempotencyKeys'
)
BEGIN
    CREATE TABLE [orders].[idempotency_keys] (
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
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130030810_AddIdempotencyKeys'
)
BEGIN
    CREATE INDEX [IX_idempotency_keys_CreatedAt] ON [orders].[idempotency_keys] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130030810_AddIdempotencyKeys'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130030810_AddIdempotencyKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130031637_AddOwedEmails'
)
BEGIN
    CREATE TABLE [orders].[owed_emails] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [Message] nvarchar(max) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [ClaimedUntil] datetime2 NULL,
        [LastError] nvarchar(500) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_owed_emails] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130031637_AddOwedEmails'
)
BEGIN
    CREATE INDEX [IX_owed_emails_NextAttemptAt] ON [orders].[owed_emails] ([NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130031637_AddOwedEmails'
)
BEGIN
    CREATE INDEX [IX_owed_emails_OrderId] ON [orders].[owed_emails] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130031637_AddOwedEmails'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130031637_AddOwedEmails', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130035215_AddUnfinishedChains'
)
BEGIN
    CREATE TABLE [orders].[unfinished_chains] (
        [OrderId] int NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [ClaimedUntil] datetime2 NULL,
        [LastError] nvarchar(500) NULL,
        CONSTRAINT [PK_unfinished_chains] PRIMARY KEY ([OrderId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130035215_AddUnfinishedChains'
)
BEGIN
    CREATE INDEX [IX_unfinished_chains_NextAttemptAt] ON [orders].[unfinished_chains] ([NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130035215_AddUnfinishedChains'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130035215_AddUnfinishedChains', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130041427_AddOwedRefunds'
)
BEGIN
    CREATE TABLE [orders].[owed_refunds] (
        [OrderId] int NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [ClaimedUntil] datetime2 NULL,
        [LastError] nvarchar(500) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_owed_refunds] PRIMARY KEY ([OrderId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130041427_AddOwedRefunds'
)
BEGIN
    CREATE INDEX [IX_owed_refunds_NextAttemptAt] ON [orders].[owed_refunds] ([NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130041427_AddOwedRefunds'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130041427_AddOwedRefunds', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206173823_AddAppliedWebhooks'
)
BEGIN
    CREATE TABLE [orders].[applied_webhooks] (
        [Id] nvarchar(255) NOT NULL,
        [AppliedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_applied_webhooks] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206173823_AddAppliedWebhooks'
)
BEGIN
    CREATE INDEX [IX_applied_webhooks_AppliedAt] ON [orders].[applied_webhooks] ([AppliedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206173823_AddAppliedWebhooks'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206173823_AddAppliedWebhooks', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206175137_AddAuditLog'
)
BEGIN
    CREATE TABLE [orders].[audit_log] (
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
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206175137_AddAuditLog'
)
BEGIN
    CREATE INDEX [IX_audit_log_At] ON [orders].[audit_log] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206175137_AddAuditLog'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206175137_AddAuditLog', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223608_OwedWorkClaimToken'
)
BEGIN
    ALTER TABLE [orders].[unfinished_chains] ADD [ClaimToken] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223608_OwedWorkClaimToken'
)
BEGIN
    ALTER TABLE [orders].[owed_refunds] ADD [ClaimToken] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223608_OwedWorkClaimToken'
)
BEGIN
    ALTER TABLE [orders].[owed_emails] ADD [ClaimToken] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223608_OwedWorkClaimToken'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206223608_OwedWorkClaimToken', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207041043_StepAttempts'
)
BEGIN
    CREATE TABLE [orders].[step_attempts] (
        [Id] bigint NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [At] datetime2 NOT NULL,
        [Step] nvarchar(100) NOT NULL,
        [Outcome] nvarchar(20) NOT NULL,
        [Detail] nvarchar(550) NULL,
        CONSTRAINT [PK_step_attempts] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207041043_StepAttempts'
)
BEGIN
    CREATE INDEX [IX_step_attempts_OrderId] ON [orders].[step_attempts] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [orders].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207041043_StepAttempts'
)
BEGIN
    INSERT INTO [orders].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207041043_StepAttempts', N'10.0.15');
END;

COMMIT;
GO

