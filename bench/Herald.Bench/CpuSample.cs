using System.Diagnostics;

namespace Herald.Bench;

/// <summary>
/// CPU time used so far, in clock ticks: the whole machine's (from <c>/proc/stat</c>), each
/// node's, the bench's, and PostgreSQL's and Redis's when scripts/services.sh started them
/// (found through HERALD_SERVICES_DIR). Two samples tell who kept the cores busy in between.
/// </summary>
internal sealed record CpuSample(long Busy, long Interrupts, long Total, long[] Nodes, long Bench, long? Postgres, long? Redis)
{
    // USER_HZ: /proc reports CPU time in hundredths of a second on Linux.
    private const double TicksPerSecond = 100;

    public static CpuSample Take(IReadOnlyList<ClusterNode> nodes)
    {
        // cpu  user nice system idle iowait irq softirq steal
        var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(long.Parse).ToArray();
        var services = Environment.GetEnvironmentVariable("HERALD_SERVICES_DIR");
        return new(
            machine.Sum() - machine[3] - machine[4],
            machine[5] + machine[6],
            machine.Sum(),
            [.. nodes.Select(n => Ticks(n.ProcessId))],
            Ticks(Environment.ProcessId),
            services is null ? null : TreeTicks(PidFrom(Path.Combine(services, "postgres", "postmaster.pid"))),
            services is null ? null : Ticks(PidFrom(Path.Combine(services, "redis.pid"))));
    }

    /// <summary>The cores each kept busy between two samples, on average.</summary>
    public static string Describe(CpuSample before, CpuSample after)
    {
        var seconds = (after.Total - before.Total) / TicksPerSecond / Environment.ProcessorCount;
        double Cores(long? from, long? to) => (to - from ?? 0) / TicksPerSecond / seconds;

        var machine = Cores(before.Busy, after.Busy);
        var nodes = after.Nodes.Zip(before.Nodes, (to, from) => Cores(from, to)).ToList();
        var bench = Cores(before.Bench, after.Bench);
        var text = $"cores busy: {machine:F2} of {Environment.ProcessorCount}; nodes {string.Join(" + ", nodes.Select(n => n.ToString("F2")))}, bench {bench:F2}";
        var rest = machine - nodes.Sum() - bench;

        if (after.Postgres is not null)
        {
            var postgres = Cores(before.Postgres, after.Postgres);
            var redis = Cores(before.Redis, after.Redis);
            rest -= postgres + redis;
            text += $", PostgreSQL {postgres:F2}, Redis {redis:F2}";
        }

        // Interrupt time is no process's: on loopback it is mostly the network stack's. The
        // processes' times are counted apart from the machine's and can add up to a little more.
        var interrupts = Cores(before.Interrupts, after.Interrupts);
        return text + $", interrupts {interrupts:F2}, everything else (kernel threads, other processes) {Math.Max(0, rest - interrupts):F2}";
    }

    private static int PidFrom(string file) => int.Parse(File.ReadLines(file).First().Trim());

    /// <summary>A process's CPU time, with that of the children it has waited for.</summary>
    private static long Ticks(int pid) => Fields(pid) is { } f ? f[11] + f[12] + f[13] + f[14] : 0;

    /// <summary>A process's and its live children's (PostgreSQL's backends are children of the postmaster).</summary>
    private static long TreeTicks(int pid) =>
        Ticks(pid) + Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var child) ? child : 0)
            .Where(child => child > 0 && Fields(child) is { } f && f[1] == pid)
            .Sum(Ticks);

    /// <summary>
    /// The numbers of <c>/proc/&lt;pid&gt;/stat</c>, index i holding field i + 3 of proc(5):
    /// 1 the parent's pid, 11 to 14 utime, stime, cutime and cstime. Null once the process is gone.
    /// </summary>
    private static long[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return [0, .. stat[(stat.LastIndexOf(')') + 4)..].Split(' ').Take(14).Select(long.Parse)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
