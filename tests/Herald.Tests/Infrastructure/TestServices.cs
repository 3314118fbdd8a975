using System.Diagnostics;

namespace Herald.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL and Redis the tests use, as <c>scripts/services.sh</c> started them
/// (<c>scripts/test.sh</c> does so): their addresses, and stopping and starting them again.
/// A missing service fails the test that needs it, with the reason; it never skips it.
/// </summary>
public static class TestServices
{
    /// <summary>An Npgsql connection string to the server, as a user that may create databases.</summary>
    public static string Postgres => Required("HERALD_TEST_POSTGRES");

    /// <summary>A StackExchange.Redis configuration string, host and port.</summary>
    public static string Redis => Required("HERALD_TEST_REDIS");

    public static Task StopPostgresAsync() => RunAsync("stop-postgres");

    public static Task StartPostgresAsync() => RunAsync("start-postgres");

    public static Task StopRedisAsync() => RunAsync("stop-redis");

    public static Task StartRedisAsync() => RunAsync("start-redis");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./scripts/test.sh, which starts PostgreSQL and Redis, "
                + "or start them with `eval \"$(scripts/services.sh start)\"` first.");

    private static async Task RunAsync(string command)
    {
        Required("HERALD_SERVICES_DIR");
        var script = Path.Combine(RepositoryRoot(), "scripts", "services.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"services.sh {command} failed: {await errors}");
        }
    }

    /// <summary>The repository this test build sits in.</summary>
    public static string RepositoryRoot()
    {
        var tests = AppContext.BaseDirectory;
        var marker = Path.Combine("tests", "Herald.Tests", "bin");
        var index = tests.LastIndexOf(marker, StringComparison.Ordinal);
        return index >= 0 ? tests[..index] : throw new InvalidOperationException($"Run the tests from their build folder, not {tests}.");
    }
}
