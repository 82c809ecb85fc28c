using Microsoft.Extensions.Logging;

namespace Liaison.Web.Tests.Support;

/// <summary>
/// Writes the app's errors into the output of the test whose request caused them, so a 500 shows its exception
/// next to the failed assertion. The current test flows with the request through TestServer.
/// </summary>
internal sealed class TestOutputLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || TestContext.Current.TestOutputHelper is not { } output)
            {
                return;
            }

            try
            {
                output.WriteLine($"[{logLevel}] {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
            }
            catch (InvalidOperationException)
            {
                // Background work that started during a test may log after it ended; xUnit then refuses output.
            }
        }
    }
}
