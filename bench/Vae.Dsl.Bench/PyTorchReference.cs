using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Vae.Dsl.Bench;

/// <summary>
/// Runs bench/reference/pytorch_vae.py one epoch at a time: the script runs with --step and waits for a line on its
/// stdin before each epoch and before the evaluation, so the benchmark can alternate its epochs with ours. The script
/// trains exactly as it does in one go (one process, same seed, same random numbers); only the waits are new.
/// It runs on the OpenBLAS build and kernels that <see cref="ReferenceOpenBlas"/> chooses. The benchmark reads the JSON
/// line the script prints when ready (its OpenBLAS kernel and threading, torch's threads, its denormal mode), after
/// each epoch (with its resident memory), and at the end. Both sides treat denormal numbers alike: the script gets the benchmark's --denormals.
/// </summary>
internal sealed class PyTorchReference : IDisposable
{
    public const string Python = "/usr/bin/python3";

    /// <summary>The models the script implements, by their file's stem, with the script's --posterior for each.</summary>
    private static readonly Dictionary<string, string> Posteriors = new()
    {
        ["fashion-mnist"] = "diagonal",
        ["fashion-mnist-full"] = "full",
    };

    private readonly Process process;
    private readonly StringBuilder errors = new();

    private PyTorchReference(Process process, string kernelChoice)
    {
        this.process = process;
        KernelChoice = kernelChoice;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var ready = ReadLine();
        BlasKernel = ready.GetProperty("blas_kernel").GetString() ?? "unknown";
        BlasThreading = ready.GetProperty("blas_threading").GetString() ?? "unknown";
        Threads = ready.GetProperty("threads").GetInt32();
        Denormals = ready.GetProperty("denormals").GetString() ?? "unknown";
    }

    /// <summary>What the script's PyTorch does with denormal numbers, as it reports it.</summary>
    public string Denormals { get; }

    /// <summary>The models the script implements, for messages.</summary>
    public static string Known => string.Join(", ", Posteriors.Keys);

    /// <summary>The OpenBLAS kernel the script's PyTorch runs, as OpenBLAS names it.</summary>
    public string BlasKernel { get; }

    /// <summary>Why the kernel is the one it is: "OPENBLAS_CORETYPE=Haswell, set for AVX2 with FMA" (<see cref="ReferenceOpenBlas"/>).</summary>
    public string KernelChoice { get; }

    /// <summary>How the script's OpenBLAS runs in parallel (OpenMP, pthreads, sequential), as it reports it.</summary>
    public string BlasThreading { get; }

    /// <summary>The script's torch.get_num_threads().</summary>
    public int Threads { get; }

    /// <summary>The script's --posterior for a model's file stem, or null when the script does not implement it.</summary>
    public static string? PosteriorFor(string model) => Posteriors.GetValueOrDefault(model);

    /// <summary>Starts the script and waits until it has loaded the data and built its model.</summary>
    public static PyTorchReference Start(string script, string posterior, int epochs, int importanceSamples, Vae.Dsl.Native.DenormalMode denormals)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
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
            "--step",
            "--denormals", denormals == Vae.Dsl.Native.DenormalMode.Flush ? "flush" : "keep",
            "--threads", ReferenceOpenBlas.Threads.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var kernelChoice = ReferenceOpenBlas.Configure(start);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        return new PyTorchReference(process, kernelChoice);
    }

    /// <summary>
    /// Has the script train its next epoch; returns the epoch's time (measured by the script), ELBO, and the script's
    /// resident memory after it.
    /// </summary>
    public PyTorchEpoch TrainEpoch()
    {
        process.StandardInput.WriteLine("epoch");
        process.StandardInput.Flush();
        var epoch = ReadLine();
        return new PyTorchEpoch(
            epoch.GetProperty("seconds").GetDouble(),
            epoch.GetProperty("elbo").GetDouble(),
            new ResidentMemory(epoch.GetProperty("rss_mib").GetDouble(), epoch.GetProperty("peak_rss_mib").GetDouble()));
    }

    /// <summary>
    /// Has the script evaluate on the test set (timing log p(x) where it was asked to); it can be called again, and
    /// each call draws new samples.
    /// </summary>
    public PyTorchEvaluation Evaluate()
    {
        process.StandardInput.WriteLine("evaluate");
        process.StandardInput.Flush();
        var result = ReadLine();
        double? logPx = null;
        double? iwaeSeconds = null;
        if (result.TryGetProperty("log_px", out var value))
        {
            logPx = value.GetDouble();
            iwaeSeconds = result.GetProperty("iwae_seconds").GetDouble();
        }

        return new PyTorchEvaluation(result.GetProperty("test_elbo").GetDouble(), logPx, iwaeSeconds);
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

    public void Dispose()
    {
        // Closing its stdin ends the script; one that does not end at once is stopped
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // it has exited already: the pipe is closed
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }

    /// <summary>The script's next JSON line; when it stops early, an error with what it wrote to stderr.</summary>
    private JsonElement ReadLine()
    {
        var line = process.StandardOutput.ReadLine();
        if (line is null)
        {
            process.WaitForExit();
            lock (errors)
            {
                throw new InvalidOperationException($"the PyTorch reference stopped ({process.ExitCode}): {errors}");
            }
        }

        using var json = JsonDocument.Parse(line);
        return json.RootElement.Clone();
    }
}

internal sealed record PyTorchEpoch(double Seconds, double Elbo, ResidentMemory Memory);

internal sealed record PyTorchEvaluation(double TestElbo, double? LogPx, double? IwaeSeconds);
