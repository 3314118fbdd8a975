using System.Net;
using System.Net.Sockets;

namespace Herald.Bench;

/// <summary>What the benchmark modes share.</summary>
internal static class Bench
{
    /// <summary>The server's Release build, or null (with the reason written out) when it is missing.</summary>
    public static string? ServerAssembly()
    {
        var server = Path.Combine(FindRepositoryRoot(), "src", "Herald.Server", "bin", "Release", "net10.0", "Herald.Server.dll");

        if (File.Exists(server))
        {
            return server;
        }

        Console.Error.WriteLine($"Build the server first: dotnet build -c Release src/Herald.Server ({server} is missing)");
        return null;
    }

    public static double Percentile(IReadOnlyCollection<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Herald.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the bench from inside the Herald repository.");
    }
}
