using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Vae.Dsl.Bench;

/// <summary>Runs bench/reference/pytorch_vae.py and reads the JSON line it prints per epoch and at the end.</summary>
internal static class PyTorchReference
{
    public const string Python = "/usr/bin/python3";

    public static PyTorchRun Run(string script, int epochs, int importanceSamples)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--k", importanceSamples.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var epochSeconds = new List<double>();
        var epochElbo = new List<double>();
        double? logPx = null;
        double? iwaeSeconds = null;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("epoch", out _))
            {
                epochSeconds.Add(root.GetProperty("seconds").GetDouble());
                epochElbo.Add(root.GetProperty("elbo").GetDouble());
            }
            else if (root.TryGetProperty("log_px", out var value))
            {
                logPx = value.GetDouble();
                iwaeSeconds = root.GetProperty("iwae_seconds").GetDouble();
            }
        }

        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the PyTorch reference failed ({process.ExitCode}): {errors}");
        }

        return new PyTorchRun(epochSeconds, epochElbo, logPx, iwaeSeconds);
    }

    public static bool IsAvailable(out string why)
    {
        if (!File.Exists(Python))
        {
            why = $"{Python} is missing (apt-get install python3-torch)";
            return false;
        }

        using var probe = Process.Start(new ProcessStartInfo(Python, "-c \"import torch\"") { RedirectStandardError = true, UseShellExecute = false })!;
        probe.WaitForExit();
        why = probe.ExitCode == 0 ? string.Empty : "PyTorch is not installed for /usr/bin/python3 (apt-get install python3-torch)";
        return probe.ExitCode == 0;
    }
}

internal sealed record PyTorchRun(IReadOnlyList<double> EpochSeconds, IReadOnlyList<double> EpochElbo, double? LogPx, double? IwaeSeconds);
