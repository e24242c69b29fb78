IF OBJECT_ID(N'[notifications].[__EFMigrationsHistory]') IS NULL
BEGIN
    IF SCHEMA_ID(N'notifications') IS NULL EXEC(N'CREATE SCHEMA [notifications];');
    CREATE TABLE [notifications].[__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125028_InitialCreate'
)
BEGIN
    IF SCHEMA_ID(N'notifications') IS NULL EXEC(N'CREATE SCHEMA [notifications];');
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125028_InitialCreate'
)
BEGIN
    CREATE TABLE [notifications].[notifications] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [Channel] nvarchar(8) NOT NULL,
        [TemplateName] nvarchar(64) NOT NULL,
        [Recipient] nvarchar(320) NOT NULL,
        [Subject] nvarchar(max) NULL,
        [Body] nvarchar(max) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [SentAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_notifications] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125028_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_notifications_OrderId] ON [notifications].[notifications] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125125028_InitialCreate'
)
BEGIN
    INSERT INTO [notifications].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125125028_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    ALTER TABLE [notifications].[notifications] ADD [DeliveredAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    ALTER TABLE [notifications].[notifications] ADD [DeliveryAttempts] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    ALTER TABLE [notifications].[notifications] ADD [DeliveryError] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    ALTER TABLE [notifications].[notifications] ADD [DeliveryReply] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    ALTER TABLE [notifications].[notifications] ADD [DeliveryState] nvarchar(16) NOT NULL DEFAULT N'logged';
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    ALTER TABLE [notifications].[notifications] ADD [MessageId] nvarchar(255) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    CREATE TABLE [notifications].[owed_deliveries] (
        [NotificationId] int NOT NULL,
        [OrderId] int NOT NULL,
        [Channel] nvarchar(8) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [ClaimedUntil] datetime2 NULL,
        [ClaimToken] uniqueidentifier NULL,
        [LastError] nvarchar(500) NULL,
        CONSTRAINT [PK_owed_deliveries] PRIMARY KEY ([NotificationId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    CREATE INDEX [IX_notifications_DeliveryState] ON [notifications].[notifications] ([DeliveryState]);
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    CREATE INDEX [IX_owed_deliveries_NextAttemptAt] ON [notifications].[owed_deliveries] ([NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    CREATE INDEX [IX_owed_deliveries_OrderId] ON [notifications].[owed_deliveries] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206223809_NotificationDelivery'
)
BEGIN
    INSERT INTO [notifications].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206223809_NotificationDelivery', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207044005_NotificationsAuditLog'
)
BEGIN
    CREATE TABLE [notifications].[audit_log] (
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
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207044005_NotificationsAuditLog'
)
BEGIN
    CREATE INDEX [IX_audit_log_At] ON [notifications].[audit_log] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [notifications].[__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207044005_NotificationsAuditLog'
)
BEGIN
    INSERT INTO [notifications].[__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207044005_NotificationsAuditLog', N'10.0.15');
END;

COMMIT;
GO

