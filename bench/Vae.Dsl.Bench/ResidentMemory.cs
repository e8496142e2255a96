using System;
using System.Globalization;
using System.IO;

namespace Vae.Dsl.Bench;

/// <summary>
/// A process's resident memory as Linux reports it in /proc/PID/status, in MiB: now (VmRSS, the pages in RAM: heap,
/// stacks and the touched pages of mapped libraries) and its peak so far (VmHWM, the high-water mark of VmRSS). The
/// PyTorch script reads the same two lines of its own status (bench/reference/pytorch_vae.py).
/// </summary>
internal readonly record struct ResidentMemory(double Mib, double PeakMib)
{
    /// <summary>This process's, read from /proc/self/status.</summary>
    public static ResidentMemory OfThisProcess()
    {
        double? rss = null;
        double? peak = null;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Mebibytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Mebibytes(line);
            }
        }

        return new ResidentMemory(
            rss ?? throw new InvalidOperationException("no VmRSS in /proc/self/status"),
            peak ?? throw new InvalidOperationException("no VmHWM in /proc/self/status"));
    }

    /// <summary>A status line's size, e.g. "VmRSS:\t  524288 kB", in MiB.</summary>
    private static double Mebibytes(string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
