using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// The database a test server stores into: a SQLite file in the test's data folder, or, when
/// <c>HERALD_TEST_STORE=postgres</c>, a PostgreSQL database of its own on the server that
/// <c>HERALD_TEST_POSTGRES</c> names. Servers given one folder share one database either way.
/// </summary>
public sealed class TestDatabase
{
    private readonly bool _postgres;

    private TestDatabase(string folder, bool postgres)
    {
        _postgres = postgres;
        Folder = folder;
        SqlitePath = Path.Combine(folder, "herald.db");
        PostgresName = "herald_" + Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
    }

    /// <summary>True when this run stores into PostgreSQL.</summary>
    public static bool OnPostgres => Environment.GetEnvironmentVariable("HERALD_TEST_STORE") == "postgres";

    public string Folder { get; }

    public string SqlitePath { get; }

    public string PostgresName { get; }

    public string Provider => _postgres ? "PostgreSQL" : "Sqlite";

    public string ConnectionString => _postgres
        ? new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = PostgresName }.ConnectionString
        : $"Data Source={SqlitePath}";

    /// <summary>The database for a data folder, on the provider this run is on.</summary>
    public static TestDatabase In(string folder) => new(folder, OnPostgres);

    /// <summary>A new PostgreSQL database, whichever provider the run is on (for the cluster).</summary>
    public static TestDatabase NewPostgres() => new(HeraldAppFactory.NewDataFolder(), postgres: true);

    /// <summary>Creates the PostgreSQL database if it is missing; SQLite files make themselves.</summary>
    public async Task EnsureCreatedAsync()
    {
        if (!_postgres)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(TestServices.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{PostgresName}\"", connection);

        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    /// <summary>Runs a query of one value against the database, past the server under test.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using DbConnection connection = _postgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection($"Data Source={SqlitePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
