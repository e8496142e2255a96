using System;
using System.Collections.Generic;
using System.Globalization;

namespace Vae.Dsl.Bench;

/// <summary>
/// The lines after the table on resident memory, from each side's readings after every epoch: the peaks and their
/// ratio, and how much each side's resident memory grew from epoch 2 (the first after the start-up allocations) to
/// the last.
/// </summary>
internal static class MemorySummary
{
    /// <summary>The target for Vae.Dsl's peak over PyTorch's.</summary>
    public const double PeakRatioTarget = 1.2;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The peaks after the last epoch (VmHWM only rises: the peak of the whole run so far) and their ratio.</summary>
    public static string Peaks(IReadOnlyList<ResidentMemory> ours, IReadOnlyList<ResidentMemory> theirs)
    {
        var ourPeak = ours[^1].PeakMib;
        var theirPeak = theirs[^1].PeakMib;
        return string.Create(
            Invariant,
            $"peak resident memory: Vae.Dsl {ourPeak:F1} MiB, PyTorch {theirPeak:F1} MiB, ratio Vae.Dsl / PyTorch {ourPeak / theirPeak:F2} (target ≤ {PeakRatioTarget:F1})");
    }

    /// <summary>Each side's resident memory after epoch 2 and after the last, and the difference.</summary>
    public static string Growth(IReadOnlyList<ResidentMemory> ours, IReadOnlyList<ResidentMemory> theirs)
    {
        var last = ours.Count;
        if (last < 3)
        {
            return "resident memory growth from epoch 2 to the last epoch: needs --epochs 3 or more";
        }

        return string.Create(
            Invariant,
            $"resident memory from epoch 2 to epoch {last}: Vae.Dsl {Change(ours[1].Mib, ours[^1].Mib)}; PyTorch {Change(theirs[1].Mib, theirs[^1].Mib)}");
    }

    /// <summary>"512.0 → 514.5 MiB, grew +2.5 MiB", or "steady" where it did not grow by 0.1 MiB or more.</summary>
    private static string Change(double from, double to)
    {
        var growth = Math.Round(to - from, 1);
        var verdict = growth > 0 ? "grew" : "steady";
        return string.Create(Invariant, $"{from:F1} → {to:F1} MiB, {verdict} {growth:+0.0;-0.0;+0.0} MiB");
    }
}
