using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Infrastructure;

/// <summary>Keeps every log line the server writes, for tests that check what is logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private TaskCompletionSource _written = NewSignal();

    public LogLevel MinimumLevel { get; set; } = LogLevel.Information;

    public IReadOnlyList<LogLine> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Waits until a line matching <paramref name="match"/> has been written.</summary>
    public async Task<LogLine> WaitForAsync(Func<LogLine, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);

        while (true)
        {
            var written = _written;

            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await written.Task.WaitAsync(cancel.Token);
        }
    }

    public void Dispose()
    {
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= capture.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture._lines.Enqueue(new LogLine(logLevel, category, eventId, formatter(state, exception), exception));
                Interlocked.Exchange(ref capture._written, NewSignal()).TrySetResult();
            }
        }
    }
}

public sealed record LogLine(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message} {Exception}";
}
