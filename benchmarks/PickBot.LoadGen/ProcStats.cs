using System.Globalization;

namespace PickBot.LoadGen;

/// <summary>Linux /proc readings: a process's CPU time and peak resident memory, and how busy the whole machine is.</summary>
internal static class ProcStats
{
    // USER_HZ is 100 on every Linux that .NET runs on; /proc/PID/stat counts in it.
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of <paramref name="pid"/> in seconds, or NaN when it cannot be read.</summary>
    public static double CpuSeconds(int pid)
    {
        if (pid <= 0)
        {
            return double.NaN;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>VmHWM (peak resident set) of <paramref name="pid"/> in MiB, or NaN.</summary>
    public static double PeakRssMiB(int pid) => StatusKb(pid, "VmHWM:") / 1024.0;

    private static double StatusKb(int pid, string field)
    {
        if (pid <= 0)
        {
            return double.NaN;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Gone: reported as NA.
        }

        return double.NaN;
    }

    /// <summary>(total, busy) jiffies of all CPUs from /proc/stat; busy excludes idle and iowait.</summary>
    public static (long Total, long Busy) Machine()
    {
        var parts = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = 0;
        for (var i = 1; i <= 8 && i < parts.Length; i++)
        {
            total += long.Parse(parts[i], CultureInfo.InvariantCulture);
        }

        var idle = long.Parse(parts[4], CultureInfo.InvariantCulture) + long.Parse(parts[5], CultureInfo.InvariantCulture);
        return (total, total - idle);
    }
}
