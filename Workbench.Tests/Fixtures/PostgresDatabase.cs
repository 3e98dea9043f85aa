using Npgsql;

namespace Workbench.Tests.Fixtures;

/// <summary>A fresh, uniquely named PostgreSQL database for one test class; dropped afterwards.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private string? _server;

    public string Name { get; } = "wb_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The connection string of the database. Skips (or fails in CI) when PostgreSQL is not configured.</summary>
    public string ConnectionString
    {
        get
        {
            _server ??= Prerequisites.PostgresServer();
            return new NpgsqlConnectionStringBuilder(_server) { Database = Name, Pooling = false }.ConnectionString;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("WORKBENCH_TEST_POSTGRES")))
        {
            return; // each test that uses the database skips or fails with the reason
        }
        _server = Prerequisites.PostgresServer();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{Name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
