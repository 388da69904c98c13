using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Tests.Infrastructure;

/// <summary>Keeps every formatted log line (with exception text) so tests can look for secrets in them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. this.lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this.lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}
