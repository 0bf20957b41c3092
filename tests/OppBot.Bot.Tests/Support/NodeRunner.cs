using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace OppBot.Bot.Tests.Support;

/// <summary>
/// Runs the npm counterparts in tests/interop (<c>node &lt;script&gt;</c>, working directory tests/interop).
/// Fails with a message that says what to do when node or node_modules is missing (run <c>npm ci</c> there).
/// </summary>
public static class NodeRunner
{
    /// <summary>How long a one-shot script may run, or a server may take to print its first line.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The repository root (the folder holding OppBot.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>tests/interop, where the scripts and their node_modules live.</summary>
    public static string InteropDirectory => Path.Combine(RepoRoot, "tests", "interop");

    /// <summary>Runs a script to the end, writing <paramref name="stdin"/> (UTF-8) to it and closing its input.</summary>
    public static async Task<NodeResult> RunAsync(string script, string? stdin, params string[] args)
    {
        using var process = StartNode(script, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The script exited without reading its input; its exit code and stderr say why.
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {Timeout.TotalSeconds} s. stderr:\n{await stderr}");
        }

        return new NodeResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts a long-running script (a fake server) and waits for the first line it prints on stdout,
    /// such as <c>{"port":1234}</c>. Dispose the result to stop it.
    /// </summary>
    public static NodeProcess Start(string script, params string[] args) => new(StartNode(script, args), script);

    private static Process StartNode(string script, string[] args)
    {
        var node = FindNode();
        if (!Directory.Exists(Path.Combine(InteropDirectory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"{InteropDirectory}/node_modules is missing: run `npm ci` in tests/interop before the tests (see README).");
        }

        if (!File.Exists(Path.Combine(InteropDirectory, script)))
        {
            throw new FileNotFoundException($"No script {script} in {InteropDirectory}.", script);
        }

        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {node} {script}.");
    }

    private static string FindNode()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe", "node.cmd" } : ["node"];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("node was not found on PATH: install Node.js 20+ to run the interop tests.");
    }

    private static string FindRepoRoot([CallerFilePath] string sourceFile = "")
    {
        // The test binaries may live outside the repository (--artifacts-path), so look from where they run
        // and, failing that, from where this file was compiled.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OppBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Could not find the repository root (the folder holding OppBot.sln).");
    }
}

/// <summary>What a script printed, and how it ended.</summary>
public sealed record NodeResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Returns this result, or throws with the script's stderr when it did not exit with 0.</summary>
    public NodeResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"node exited with {ExitCode}. stderr:\n{StdErr}\nstdout:\n{StdOut}");
}

/// <summary>A running script: its first stdout line, later lines on demand, and the process killed on Dispose.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();

    internal NodeProcess(Process process, string script)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        try
        {
            FirstLine = ReadLineAsync(NodeRunner.Timeout).GetAwaiter().GetResult() ?? throw ExitedEarly(script);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private InvalidOperationException ExitedEarly(string script)
    {
        // Let the stderr handler finish so the message says why.
        if (_process.WaitForExit(5000))
        {
            _process.WaitForExit();
        }

        return new InvalidOperationException($"node {script} exited before printing its first line. stderr:\n{StdErr}");
    }

    /// <summary>The first line the script printed (e.g. <c>{"port":1234}</c>).</summary>
    public string FirstLine { get; }

    /// <summary>What the script has written to stderr so far.</summary>
    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The next stdout line, or null once the script has exited and every line was read.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false) && _lines.Reader.TryRead(out var line)
                ? line
                : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"node printed no line within {timeout.TotalSeconds} s. stderr:\n{StdErr}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
