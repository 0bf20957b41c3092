using System.Globalization;

namespace OppBot.Bench.Support;

/// <summary>Resident memory of a process from /proc (Linux): now (VmRSS) and at its peak (VmHWM), in MB.</summary>
internal static class ProcessMemory
{
    public static double? CurrentMb(int pid) => Read(pid, "VmRSS:");

    public static double? PeakMb(int pid) => Read(pid, "VmHWM:");

    private static double? Read(int pid, string key)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var kb = line[key.Length..].Trim().Split(' ')[0];
                return double.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return null;
    }
}
