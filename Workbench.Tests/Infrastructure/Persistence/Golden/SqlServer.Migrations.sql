IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
CREATE TABLE [Agencies] (
    [Id] int NOT NULL IDENTITY,
    [Code] nvarchar(32) NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [NameEn] nvarchar(256) NULL,
    [IsActive] bit NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_Agencies] PRIMARY KEY ([Id])
);

CREATE TABLE [AspNetRoles] (
    [Id] nvarchar(450) NOT NULL,
    [Name] nvarchar(256) NULL,
    [NormalizedName] nvarchar(256) NULL,
    [ConcurrencyStamp] nvarchar(max) NULL,
    CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
);

CREATE TABLE [AuditEntries] (
    [Id] bigint NOT NULL IDENTITY,
    [At] datetimeoffset NOT NULL,
    [UserId] nvarchar(450) NULL,
    [UserName] nvarchar(256) NULL,
    [AgencyId] int NULL,
    [Action] nvarchar(64) NOT NULL,
    [Target] nvarchar(256) NULL,
    [Details] nvarchar(max) NULL,
    [IpAddress] nvarchar(45) NULL,
    CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
);

CREATE TABLE [DataProtectionKeys] (
    [Id] int NOT NULL IDENTITY,
    [FriendlyName] nvarchar(max) NULL,
    [Xml] nvarchar(max) NULL,
    CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
);

CREATE TABLE [AspNetUsers] (
    [Id] nvarchar(450) NOT NULL,
    [FullName] nvarchar(256) NOT NULL,
    [AgencyId] int NOT NULL,
    [MustChangePassword] bit NOT NULL,
    [IsDisabled] bit NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [UserName] nvarchar(256) NULL,
    [NormalizedUserName] nvarchar(256) NULL,
    [Email] nvarchar(256) NULL,
    [NormalizedEmail] nvarchar(256) NULL,
    [EmailConfirmed] bit NOT NULL,
    [PasswordHash] nvarchar(max) NULL,
    [SecurityStamp] nvarchar(max) NULL,
    [ConcurrencyStamp] nvarchar(max) NULL,
    [PhoneNumber] nvarchar(max) NULL,
    [PhoneNumberConfirmed] bit NOT NULL,
    [TwoFactorEnabled] bit NOT NULL,
    [LockoutEnd] datetimeoffset NULL,
    [LockoutEnabled] bit NOT NULL,
    [AccessFailedCount] int NOT NULL,
    CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_AspNetUsers_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION
);

CREATE TABLE [Datasets] (
    [Id] int NOT NULL IDENTITY,
    [Key] nvarchar(64) NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [Description] nvarchar(4000) NULL,
    [OwnerAgencyId] int NOT NULL,
    [Classification] nvarchar(16) NOT NULL,
    [CatalogGroup] nvarchar(256) NULL,
    [ExpectedUpdateFrequency] nvarchar(16) NOT NULL,
    [TableName] nvarchar(128) NOT NULL,
    [RowCount] bigint NOT NULL,
    [DataVersion] bigint NOT NULL,
    [LastLoadedAt] datetimeoffset NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [IsSample] bit NOT NULL,
    CONSTRAINT [PK_Datasets] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Datasets_Agencies_OwnerAgencyId] FOREIGN KEY ([OwnerAgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION
);

CREATE TABLE [AspNetRoleClaims] (
    [Id] int NOT NULL IDENTITY,
    [RoleId] nvarchar(450) NOT NULL,
    [ClaimType] nvarchar(max) NULL,
    [ClaimValue] nvarchar(max) NULL,
    CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [ApiKeys] (
    [Id] int NOT NULL IDENTITY,
    [Name] nvarchar(128) NOT NULL,
    [Prefix] nvarchar(16) NOT NULL,
    [KeyHash] nvarchar(64) NOT NULL,
    [AgencyId] int NOT NULL,
    [UserId] nvarchar(450) NULL,
    [Role] nvarchar(32) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [LastUsedAt] datetimeoffset NULL,
    [RevokedAt] datetimeoffset NULL,
    CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_ApiKeys_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_ApiKeys_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [AspNetUserClaims] (
    [Id] int NOT NULL IDENTITY,
    [UserId] nvarchar(450) NOT NULL,
    [ClaimType] nvarchar(max) NULL,
    [ClaimValue] nvarchar(max) NULL,
    CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [AspNetUserLogins] (
    [LoginProvider] nvarchar(450) NOT NULL,
    [ProviderKey] nvarchar(450) NOT NULL,
    [ProviderDisplayName] nvarchar(max) NULL,
    [UserId] nvarchar(450) NOT NULL,
    CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
    CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [AspNetUserRoles] (
    [UserId] nvarchar(450) NOT NULL,
    [RoleId] nvarchar(450) NOT NULL,
    CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
    CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [AspNetUserTokens] (
    [UserId] nvarchar(450) NOT NULL,
    [LoginProvider] nvarchar(450) NOT NULL,
    [Name] nvarchar(450) NOT NULL,
    [Value] nvarchar(max) NULL,
    CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
    CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [DatasetColumns] (
    [Id] int NOT NULL IDENTITY,
    [DatasetId] int NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [PhysicalName] nvarchar(32) NOT NULL,
    [Type] nvarchar(16) NOT NULL,
    [Ordinal] int NOT NULL,
    [Description] nvarchar(2000) NULL,
    [IsKey] bit NOT NULL,
    CONSTRAINT [PK_DatasetColumns] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_DatasetColumns_Datasets_DatasetId] FOREIGN KEY ([DatasetId]) REFERENCES [Datasets] ([Id]) ON DELETE CASCADE
);

IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ConcurrencyStamp', N'Name', N'NormalizedName') AND [object_id] = OBJECT_ID(N'[AspNetRoles]'))
    SET IDENTITY_INSERT [AspNetRoles] ON;
INSERT INTO [AspNetRoles] ([Id], [ConcurrencyStamp], [Name], [NormalizedName])
VALUES (N'role-agencyadmin', N'role-agencyadmin', N'AgencyAdmin', N'AGENCYADMIN'),
(N'role-analyst', N'role-analyst', N'Analyst', N'ANALYST'),
(N'role-systemadmin', N'role-systemadmin', N'SystemAdmin', N'SYSTEMADMIN'),
(N'role-viewer', N'role-viewer', N'Viewer', N'VIEWER');
IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ConcurrencyStamp', N'Name', N'NormalizedName') AND [object_id] = OBJECT_ID(N'[AspNetRoles]'))
    SET IDENTITY_INSERT [AspNetRoles] OFF;

CREATE UNIQUE INDEX [IX_Agencies_Code] ON [Agencies] ([Code]);

CREATE INDEX [IX_ApiKeys_AgencyId] ON [ApiKeys] ([AgencyId]);

CREATE UNIQUE INDEX [IX_ApiKeys_KeyHash] ON [ApiKeys] ([KeyHash]);

CREATE INDEX [IX_ApiKeys_UserId] ON [ApiKeys] ([UserId]);

CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);

CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL;

CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);

CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);

CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);

CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);

CREATE INDEX [IX_AspNetUsers_AgencyId] ON [AspNetUsers] ([AgencyId]);

CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL;

CREATE INDEX [IX_AuditEntries_Action] ON [AuditEntries] ([Action]);

CREATE INDEX [IX_AuditEntries_AgencyId] ON [AuditEntries] ([AgencyId]);

CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);

CREATE UNIQUE INDEX [IX_DatasetColumns_DatasetId_Name] ON [DatasetColumns] ([DatasetId], [Name]);

CREATE UNIQUE INDEX [IX_DatasetColumns_DatasetId_Ordinal] ON [DatasetColumns] ([DatasetId], [Ordinal]);

CREATE UNIQUE INDEX [IX_DatasetColumns_DatasetId_PhysicalName] ON [DatasetColumns] ([DatasetId], [PhysicalName]);

CREATE UNIQUE INDEX [IX_Datasets_Key] ON [Datasets] ([Key]);

CREATE INDEX [IX_Datasets_OwnerAgencyId] ON [Datasets] ([OwnerAgencyId]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127041440_Initial', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [Scenarios] (
    [Id] int NOT NULL IDENTITY,
    [Key] nvarchar(64) NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [Description] nvarchar(4000) NULL,
    [OwnerUserId] nvarchar(450) NOT NULL,
    [OwnerAgencyId] int NOT NULL,
    [Status] nvarchar(16) NOT NULL,
    [PipelineJson] nvarchar(max) NOT NULL,
    [VisualsJson] nvarchar(max) NOT NULL,
    [ParameterSettingsJson] nvarchar(max) NOT NULL,
    [Version] int NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [UpdatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_Scenarios] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Scenarios_Agencies_OwnerAgencyId] FOREIGN KEY ([OwnerAgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_Scenarios_AspNetUsers_OwnerUserId] FOREIGN KEY ([OwnerUserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION
);

CREATE TABLE [ScenarioVersions] (
    [Id] int NOT NULL IDENTITY,
    [ScenarioId] int NOT NULL,
    [Number] int NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [Description] nvarchar(4000) NULL,
    [PipelineJson] nvarchar(max) NOT NULL,
    [VisualsJson] nvarchar(max) NOT NULL,
    [ParameterSettingsJson] nvarchar(max) NOT NULL,
    [AuthorUserId] nvarchar(450) NULL,
    [AuthorName] nvarchar(256) NOT NULL,
    [Note] nvarchar(512) NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_ScenarioVersions] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_ScenarioVersions_Scenarios_ScenarioId] FOREIGN KEY ([ScenarioId]) REFERENCES [Scenarios] ([Id]) ON DELETE CASCADE
);

CREATE UNIQUE INDEX [IX_Scenarios_Key] ON [Scenarios] ([Key]);

CREATE INDEX [IX_Scenarios_OwnerAgencyId] ON [Scenarios] ([OwnerAgencyId]);

CREATE INDEX [IX_Scenarios_OwnerUserId] ON [Scenarios] ([OwnerUserId]);

CREATE UNIQUE INDEX [IX_ScenarioVersions_ScenarioId_Number] ON [ScenarioVersions] ([ScenarioId], [Number]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127072141_Scenarios', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [DatasetDerivations] (
    [Id] int NOT NULL IDENTITY,
    [DatasetId] int NOT NULL,
    [ScenarioId] int NULL,
    [ScenarioKey] nvarchar(64) NOT NULL,
    [ScenarioName] nvarchar(256) NOT NULL,
    [ScenarioVersion] int NOT NULL,
    [ArgumentsJson] nvarchar(max) NOT NULL,
    [RefreshedAt] datetimeoffset NOT NULL,
    [RefreshedByUserId] nvarchar(450) NULL,
    [RefreshedByName] nvarchar(256) NOT NULL,
    CONSTRAINT [PK_DatasetDerivations] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_DatasetDerivations_AspNetUsers_RefreshedByUserId] FOREIGN KEY ([RefreshedByUserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE SET NULL,
    CONSTRAINT [FK_DatasetDerivations_Datasets_DatasetId] FOREIGN KEY ([DatasetId]) REFERENCES [Datasets] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_DatasetDerivations_Scenarios_ScenarioId] FOREIGN KEY ([ScenarioId]) REFERENCES [Scenarios] ([Id]) ON DELETE SET NULL
);

CREATE TABLE [DerivationSources] (
    [Id] int NOT NULL IDENTITY,
    [DerivationId] int NOT NULL,
    [DatasetId] int NULL,
    [DatasetKey] nvarchar(64) NOT NULL,
    [DatasetName] nvarchar(256) NOT NULL,
    [AgencyName] nvarchar(256) NOT NULL,
    [DataVersion] bigint NOT NULL,
    CONSTRAINT [PK_DerivationSources] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_DerivationSources_DatasetDerivations_DerivationId] FOREIGN KEY ([DerivationId]) REFERENCES [DatasetDerivations] ([Id]) ON DELETE CASCADE,
    CONSTRAINT [FK_DerivationSources_Datasets_DatasetId] FOREIGN KEY ([DatasetId]) REFERENCES [Datasets] ([Id])
);

CREATE UNIQUE INDEX [IX_DatasetDerivations_DatasetId] ON [DatasetDerivations] ([DatasetId]);

CREATE INDEX [IX_DatasetDerivations_RefreshedByUserId] ON [DatasetDerivations] ([RefreshedByUserId]);

CREATE INDEX [IX_DatasetDerivations_ScenarioId] ON [DatasetDerivations] ([ScenarioId]);

CREATE INDEX [IX_DerivationSources_DatasetId] ON [DerivationSources] ([DatasetId]);

CREATE INDEX [IX_DerivationSources_DerivationId] ON [DerivationSources] ([DerivationId]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127095919_DatasetDerivations', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
EXEC(N'CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries] INSTEAD OF UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N''AuditEntries is append-only: entries cannot be changed or deleted.'', 1;
END');

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127103541_AuditAppendOnly', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [DatasetGrants] (
    [Id] int NOT NULL IDENTITY,
    [DatasetId] int NOT NULL,
    [GranteeAgencyId] int NULL,
    [GranteeUserId] nvarchar(450) NULL,
    [GranteeUserName] nvarchar(256) NULL,
    [Rights] int NOT NULL,
    [RowFilter] nvarchar(2000) NULL,
    [MaskedColumns] nvarchar(4000) NOT NULL,
    [ExpiresOn] date NULL,
    [LegalBasisNumber] nvarchar(128) NOT NULL,
    [LegalBasisDate] date NOT NULL,
    [LegalBasisIssuer] nvarchar(256) NOT NULL,
    [Purpose] nvarchar(1000) NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [CreatedByUserId] nvarchar(450) NULL,
    [CreatedByName] nvarchar(256) NOT NULL,
    [RevokedAt] datetimeoffset NULL,
    [RevokedByName] nvarchar(256) NULL,
    [RevokeReason] nvarchar(1000) NULL,
    CONSTRAINT [PK_DatasetGrants] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_DatasetGrants_Agencies_GranteeAgencyId] FOREIGN KEY ([GranteeAgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_DatasetGrants_AspNetUsers_GranteeUserId] FOREIGN KEY ([GranteeUserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_DatasetGrants_Datasets_DatasetId] FOREIGN KEY ([DatasetId]) REFERENCES [Datasets] ([Id]) ON DELETE CASCADE
);

CREATE INDEX [IX_DatasetGrants_DatasetId] ON [DatasetGrants] ([DatasetId]);

CREATE INDEX [IX_DatasetGrants_GranteeAgencyId_RevokedAt] ON [DatasetGrants] ([GranteeAgencyId], [RevokedAt]);

CREATE INDEX [IX_DatasetGrants_GranteeUserId_RevokedAt] ON [DatasetGrants] ([GranteeUserId], [RevokedAt]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127104325_Grants', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [ScenarioAudiences] (
    [Id] int NOT NULL IDENTITY,
    [ScenarioId] int NOT NULL,
    [Kind] nvarchar(16) NOT NULL,
    [AgencyId] int NULL,
    [Role] nvarchar(32) NULL,
    [UserId] nvarchar(450) NULL,
    [UserName] nvarchar(256) NULL,
    CONSTRAINT [PK_ScenarioAudiences] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_ScenarioAudiences_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_ScenarioAudiences_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_ScenarioAudiences_Scenarios_ScenarioId] FOREIGN KEY ([ScenarioId]) REFERENCES [Scenarios] ([Id]) ON DELETE CASCADE
);

CREATE INDEX [IX_ScenarioAudiences_AgencyId] ON [ScenarioAudiences] ([AgencyId]);

CREATE INDEX [IX_ScenarioAudiences_ScenarioId] ON [ScenarioAudiences] ([ScenarioId]);

CREATE INDEX [IX_ScenarioAudiences_UserId] ON [ScenarioAudiences] ([UserId]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127110444_ScenarioAudiences', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [AccessRequests] (
    [Id] int NOT NULL IDENTITY,
    [DatasetId] int NOT NULL,
    [RequesterUserId] nvarchar(450) NOT NULL,
    [RequesterName] nvarchar(256) NOT NULL,
    [RequesterAgencyId] int NOT NULL,
    [Purpose] nvarchar(1000) NOT NULL,
    [WantedRights] int NOT NULL,
    [Status] int NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [DecidedAt] datetimeoffset NULL,
    [DecidedByUserId] nvarchar(450) NULL,
    [DecidedByName] nvarchar(256) NULL,
    [RefusalReason] nvarchar(1000) NULL,
    [GrantId] int NULL,
    CONSTRAINT [PK_AccessRequests] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_AccessRequests_Agencies_RequesterAgencyId] FOREIGN KEY ([RequesterAgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_AccessRequests_AspNetUsers_RequesterUserId] FOREIGN KEY ([RequesterUserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_AccessRequests_DatasetGrants_GrantId] FOREIGN KEY ([GrantId]) REFERENCES [DatasetGrants] ([Id]),
    CONSTRAINT [FK_AccessRequests_Datasets_DatasetId] FOREIGN KEY ([DatasetId]) REFERENCES [Datasets] ([Id]) ON DELETE CASCADE
);

CREATE INDEX [IX_AccessRequests_DatasetId_Status] ON [AccessRequests] ([DatasetId], [Status]);

CREATE INDEX [IX_AccessRequests_GrantId] ON [AccessRequests] ([GrantId]);

CREATE INDEX [IX_AccessRequests_RequesterAgencyId] ON [AccessRequests] ([RequesterAgencyId]);

CREATE INDEX [IX_AccessRequests_RequesterUserId_DatasetId] ON [AccessRequests] ([RequesterUserId], [DatasetId]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127110555_AccessRequests', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Agencies] ADD [MergedIntoId] int NULL;

CREATE INDEX [IX_Agencies_MergedIntoId] ON [Agencies] ([MergedIntoId]);

ALTER TABLE [Agencies] ADD CONSTRAINT [FK_Agencies_Agencies_MergedIntoId] FOREIGN KEY ([MergedIntoId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127124017_AgencyMerge', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [Connectors] (
    [Id] int NOT NULL IDENTITY,
    [Key] nvarchar(64) NOT NULL,
    [Name] nvarchar(200) NOT NULL,
    [Description] nvarchar(2000) NULL,
    [Kind] nvarchar(16) NOT NULL,
    [ProvidingAgencyId] int NOT NULL,
    [DatasetId] int NOT NULL,
    [Mode] nvarchar(24) NOT NULL,
    [Schedule] nvarchar(64) NOT NULL,
    [SettingsJson] nvarchar(max) NOT NULL,
    [ProtectedSecrets] nvarchar(max) NULL,
    [RequestNumber] nvarchar(128) NULL,
    [RequestDate] date NULL,
    [RequestIssuer] nvarchar(256) NULL,
    [AgreementNumber] nvarchar(128) NULL,
    [AgreementDate] date NULL,
    [AgreementIssuer] nvarchar(256) NULL,
    [IsActive] bit NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [CreatedByUserId] nvarchar(450) NULL,
    [UpdatedAt] datetimeoffset NULL,
    CONSTRAINT [PK_Connectors] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Connectors_Agencies_ProvidingAgencyId] FOREIGN KEY ([ProvidingAgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_Connectors_Datasets_DatasetId] FOREIGN KEY ([DatasetId]) REFERENCES [Datasets] ([Id]) ON DELETE NO ACTION
);

CREATE TABLE [SyncRuns] (
    [Id] bigint NOT NULL IDENTITY,
    [ConnectorId] int NOT NULL,
    [Trigger] nvarchar(16) NOT NULL,
    [StartedByUserId] nvarchar(450) NULL,
    [StartedAt] datetimeoffset NOT NULL,
    [EndedAt] datetimeoffset NULL,
    [Status] nvarchar(16) NOT NULL,
    [Attempts] int NOT NULL,
    [RecordsRead] bigint NOT NULL,
    [RowsInserted] bigint NOT NULL,
    [RowsUpdated] bigint NOT NULL,
    [RowsDeleted] bigint NOT NULL,
    [Batches] int NOT NULL,
    [ProblemCount] bigint NOT NULL,
    [ProblemSamplesJson] nvarchar(max) NULL,
    [UnmappedFieldsJson] nvarchar(max) NULL,
    [WatermarkBefore] nvarchar(256) NULL,
    [WatermarkAfter] nvarchar(256) NULL,
    [DataVersion] bigint NULL,
    [ErrorCode] nvarchar(128) NULL,
    [ErrorMessage] nvarchar(4000) NULL,
    CONSTRAINT [PK_SyncRuns] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_SyncRuns_Connectors_ConnectorId] FOREIGN KEY ([ConnectorId]) REFERENCES [Connectors] ([Id]) ON DELETE CASCADE
);

CREATE INDEX [IX_Connectors_DatasetId] ON [Connectors] ([DatasetId]);

CREATE UNIQUE INDEX [IX_Connectors_Key] ON [Connectors] ([Key]);

CREATE INDEX [IX_Connectors_ProvidingAgencyId] ON [Connectors] ([ProvidingAgencyId]);

CREATE INDEX [IX_SyncRuns_ConnectorId_StartedAt] ON [SyncRuns] ([ConnectorId], [StartedAt]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127135728_Connectors', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [SyncRuns] ADD [JobId] nvarchar(100) NULL;

CREATE UNIQUE INDEX [IX_SyncRuns_OneRunningPerConnector] ON [SyncRuns] ([ConnectorId]) WHERE "Status" = 'Running';

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127140735_SyncRunJobs', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [Datasets] ADD [QualityCheckedAt] datetimeoffset NULL;

ALTER TABLE [Datasets] ADD [QualityRules] nvarchar(max) NOT NULL DEFAULT N'[]';

ALTER TABLE [Datasets] ADD [QualityScore] int NULL;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127141659_DatasetQuality', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [SyncRuns] ADD [QualityReportJson] nvarchar(max) NULL;

ALTER TABLE [SyncRuns] ADD [QualityScore] int NULL;

ALTER TABLE [SyncRuns] ADD [QualityViolations] bigint NULL;

ALTER TABLE [ApiKeys] ADD [ConnectorId] int NULL;

CREATE INDEX [IX_ApiKeys_ConnectorId] ON [ApiKeys] ([ConnectorId]);

ALTER TABLE [ApiKeys] ADD CONSTRAINT [FK_ApiKeys_Connectors_ConnectorId] FOREIGN KEY ([ConnectorId]) REFERENCES [Connectors] ([Id]) ON DELETE SET NULL;

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127152042_SyncQualityAndPushKeys', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [Dashboards] (
    [Id] int NOT NULL IDENTITY,
    [Key] nvarchar(64) NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [Description] nvarchar(4000) NULL,
    [OwnerUserId] nvarchar(450) NOT NULL,
    [AgencyId] int NOT NULL,
    [Status] nvarchar(16) NOT NULL,
    [LayoutJson] nvarchar(max) NOT NULL,
    [Version] int NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [UpdatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_Dashboards] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Dashboards_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_Dashboards_AspNetUsers_OwnerUserId] FOREIGN KEY ([OwnerUserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION
);

CREATE TABLE [DashboardAudiences] (
    [Id] int NOT NULL IDENTITY,
    [DashboardId] int NOT NULL,
    [Kind] nvarchar(16) NOT NULL,
    [AgencyId] int NULL,
    [Role] nvarchar(32) NULL,
    [UserId] nvarchar(450) NULL,
    [UserName] nvarchar(256) NULL,
    CONSTRAINT [PK_DashboardAudiences] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_DashboardAudiences_Agencies_AgencyId] FOREIGN KEY ([AgencyId]) REFERENCES [Agencies] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_DashboardAudiences_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
    CONSTRAINT [FK_DashboardAudiences_Dashboards_DashboardId] FOREIGN KEY ([DashboardId]) REFERENCES [Dashboards] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [DashboardSnapshots] (
    [Id] int NOT NULL IDENTITY,
    [DashboardId] int NOT NULL,
    [Period] nvarchar(128) NOT NULL,
    [DashboardVersion] int NOT NULL,
    [AuthorUserId] nvarchar(450) NULL,
    [AuthorName] nvarchar(256) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [Content] varbinary(max) NOT NULL,
    [Compressed] bit NOT NULL,
    CONSTRAINT [PK_DashboardSnapshots] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_DashboardSnapshots_Dashboards_DashboardId] FOREIGN KEY ([DashboardId]) REFERENCES [Dashboards] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [DashboardVersions] (
    [Id] int NOT NULL IDENTITY,
    [DashboardId] int NOT NULL,
    [Number] int NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [Description] nvarchar(4000) NULL,
    [LayoutJson] nvarchar(max) NOT NULL,
    [AuthorUserId] nvarchar(450) NULL,
    [AuthorName] nvarchar(256) NOT NULL,
    [Note] nvarchar(512) NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_DashboardVersions] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_DashboardVersions_Dashboards_DashboardId] FOREIGN KEY ([DashboardId]) REFERENCES [Dashboards] ([Id]) ON DELETE CASCADE
);

CREATE INDEX [IX_DashboardAudiences_AgencyId] ON [DashboardAudiences] ([AgencyId]);

CREATE INDEX [IX_DashboardAudiences_DashboardId] ON [DashboardAudiences] ([DashboardId]);

CREATE INDEX [IX_DashboardAudiences_UserId] ON [DashboardAudiences] ([UserId]);

CREATE INDEX [IX_Dashboards_AgencyId] ON [Dashboards] ([AgencyId]);

CREATE UNIQUE INDEX [IX_Dashboards_Key] ON [Dashboards] ([Key]);

CREATE INDEX [IX_Dashboards_OwnerUserId] ON [Dashboards] ([OwnerUserId]);

CREATE UNIQUE INDEX [IX_DashboardSnapshots_DashboardId_Period] ON [DashboardSnapshots] ([DashboardId], [Period]);

CREATE UNIQUE INDEX [IX_DashboardVersions_DashboardId_Number] ON [DashboardVersions] ([DashboardId], [Number]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261127161825_Dashboards', N'10.0.15');

COMMIT;
GO
