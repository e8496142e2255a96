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

    /// <summary>The models the script implements, by their file's stem, with the script's --posterior for each.</summary>
    private static readonly Dictionary<string, string> Posteriors = new()
    {
        ["fashion-mnist"] = "diagonal",
        ["fashion-mnist-full"] = "full",
    };

    /// <summary>The models the script implements, for messages.</summary>
    public static string Known => string.Join(", ", Posteriors.Keys);

    /// <summary>The script's --posterior for a model's file stem, or null when the script does not implement it.</summary>
    public static string? PosteriorFor(string model) => Posteriors.GetValueOrDefault(model);

    public static PyTorchRun Run(string script, string posterior, int epochs, int importanceSamples)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            script,
            "--posterior", posterior,
            "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
            "--k", importanceSamples.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The same OpenBLAS kernels on both sides: where this process selected them, the reference gets them too (a
        // user's own OPENBLAS_CORETYPE reaches both through the environment anyway).
        if (Vae.Dsl.Native.BlasKernels.Selected is { } kernel)
        {
            start.Environment["OPENBLAS_CORETYPE"] = kernel;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var epochSeconds = new List<double>();
        var epochElbo = new List<double>();
        double? testElbo = null;
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
            else if (root.TryGetProperty("test_elbo", out var elbo))
            {
                testElbo = elbo.GetDouble();
                if (root.TryGetProperty("log_px", out var value))
                {
                    logPx = value.GetDouble();
                    iwaeSeconds = root.GetProperty("iwae_seconds").GetDouble();
                }
            }
        }

        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the PyTorch reference failed ({process.ExitCode}): {errors}");
        }

        return new PyTorchRun(epochSeconds, epochElbo, testElbo, logPx, iwaeSeconds);
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

internal sealed record PyTorchRun(
    IReadOnlyList<double> EpochSeconds, IReadOnlyList<double> EpochElbo, double? TestElbo, double? LogPx, double? IwaeSeconds);
