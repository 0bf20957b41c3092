using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OppBot.Bench.Support;

/// <summary>
/// A process the bench starts and ends itself (OppBot, the JS peer, a scale cell): output goes to a log file in the
/// run's temp folder; disposing kills this process (and its children) by id, nothing else.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProcess(Process process, StreamWriter log, long started)
    {
        _process = process;
        _log = log;
        Started = started;
    }

    public long Started { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        var started = Clock.Now;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, log, started);
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; returns the seconds from process start.</summary>
    public async Task<double> WaitUntilHealthyAsync(HttpClient http, Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (Clock.SecondsSince(Started) < timeout.TotalSeconds)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before it was healthy; see the log.");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Clock.SecondsSince(Started);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException($"{url} did not answer 200 within {timeout}.");
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _log.Dispose();
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
