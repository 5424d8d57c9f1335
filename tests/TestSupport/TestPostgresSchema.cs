using Npgsql;

namespace EventOrch.Tests.Support;

/// <summary>A PostgreSQL schema of a test class's own, dropped when the class is done.</summary>
public sealed class TestPostgresSchema : IAsyncDisposable
{
    public string Name { get; } = $"test_{Guid.NewGuid():N}"[..20];

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(Services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop schema if exists {Name} cascade", connection);
        await command.ExecuteNonQueryAsync();
    }
}
