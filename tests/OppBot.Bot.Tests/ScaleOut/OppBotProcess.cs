using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OppBot.Bot.Tests.ScaleOut;

/// <summary>
/// One OppBot instance as its own operating-system process: <c>dotnet OppBot.Bot.dll --urls http://127.0.0.1:{port}</c>
/// from this test assembly's output folder (the test project references bot/, so the app, its dependencies and its
/// appsettings.json are copied there), in the Development environment (Teams authentication off without an app id),
/// configured through environment variables as in production. Its console output is kept for the figures and for
/// diagnosis.
/// </summary>
public sealed class OppBotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private OppBotProcess(string name, int port, Process process)
    {
        Name = name;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _process = process;
    }

    /// <summary>A short name for the figures ("A", "B").</summary>
    public string Name { get; }

    /// <summary>Where it listens.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The operating-system process id (part of the delivery loop's lease owner name).</summary>
    public int ProcessId => _process.Id;

    /// <summary>False once it exited or was killed.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Its console output so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts an instance with <paramref name="settings"/> (configuration keys such as <c>Database:Provider</c>) and waits until /healthz answers.</summary>
    public static async Task<OppBotProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var folder = AppContext.BaseDirectory;
        var app = Path.Combine(folder, "OppBot.Bot.dll");
        Assert.True(File.Exists(app), $"{app} is missing: the test project references bot/, so the build copies it there.");
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { app, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", folder })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var instance = new OppBotProcess(name, port, process);
        process.OutputDataReceived += (_, e) => instance.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await instance.WaitUntilHealthyAsync();
        return instance;
    }

    /// <summary>SIGKILL to the process (and anything it started): no shutdown, no goodbye.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>How many output lines contain <paramref name="fragment"/>.</summary>
    public int CountOutput(string fragment) => _output.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    /// <summary>The last lines of output, for a failure message.</summary>
    public string Tail(int lines = 40) => $"--- {Name} (pid {_process.Id}) ---{Environment.NewLine}" + string.Join(Environment.NewLine, _output.TakeLast(lines));

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"OppBot {Name} exited with {_process.ExitCode} while starting.{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"OppBot {Name} did not answer /healthz within {StartTimeout.TotalSeconds:0} s.{Environment.NewLine}{Tail()}");
    }
}
