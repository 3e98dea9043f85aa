using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Workbench.Infrastructure.Connectors.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide and its classes keep loggers in static fields, so a provider bound to one
/// host's logger factory outlives that host (and throws once it is disposed, when tests start hosts one after another).
/// This one looks the factory up at each message and drops messages while no live host has one.
/// </summary>
internal sealed class HangfireLogging : ILogProvider
{
    public static readonly HangfireLogging Instance = new();

    private ILoggerFactory? _factory;

    private HangfireLogging()
    {
    }

    public void Use(ILoggerFactory factory) => Volatile.Write(ref _factory, factory);

    public ILog GetLogger(string name) => new Logger(this, name);

    private sealed class Logger(HangfireLogging owner, string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILogger logger;
            try
            {
                if (Volatile.Read(ref owner._factory) is not { } factory)
                {
                    return false;
                }
                logger = factory.CreateLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
            var level = logLevel switch
            {
                HangfireLevel.Trace => MsLevel.Trace,
                HangfireLevel.Debug => MsLevel.Debug,
                HangfireLevel.Info => MsLevel.Information,
                HangfireLevel.Warn => MsLevel.Warning,
                HangfireLevel.Error => MsLevel.Error,
                _ => MsLevel.Critical,
            };
            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }
            if (logger.IsEnabled(level))
            {
                logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
            }
            return true;
        }
    }
}
