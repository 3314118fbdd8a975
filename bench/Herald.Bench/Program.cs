using Herald.Bench;

// Herald's benchmarks; each mode starts Herald.Server (Release build) as child processes.
//
//   dotnet run -c Release --project bench/Herald.Bench -- latency [sends]
//   dotnet run -c Release --project bench/Herald.Bench -- cluster [seconds] [senders]
//   dotnet run -c Release --project bench/Herald.Bench -- fanout [recipients] [--postgres]
//
// docs/benchmarks.md says what each measures and holds the figures.

return args.FirstOrDefault() switch
{
    "latency" => await LatencyBench.RunAsync(args),
    "cluster" => await ClusterBench.RunAsync(args),
    "fanout" => await FanOutBench.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Herald.Bench latency [sends] | cluster [seconds] [senders] | fanout [recipients] [--postgres]");
    return 2;
}
