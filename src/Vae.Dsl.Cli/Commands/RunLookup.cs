using System.IO;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Models;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// A saved run, by its folder: the model it trained (from metrics.json), the settings it used (settings.json) and its
/// trainer restored from checkpoint.bin, which checks its checksum and that it belongs to that model.
/// </summary>
internal static class RunLookup
{
    public static (VaeModelInfo Info, IVaeTrainer Trainer, int Epochs) Open(string folder)
    {
        var metricsPath = Path.Combine(folder, MetricsFile.FileName);
        if (!Directory.Exists(folder) || !File.Exists(metricsPath))
        {
            throw new UsageException($"'{folder}' is not a run folder: it has no {MetricsFile.FileName} (vae train writes one)");
        }

        var name = MetricsFile.Read(metricsPath).Model;
        var info = ModelLookup.Find(name)
            ?? throw new UsageException($"the run in '{folder}' trained {name}, which is not compiled into this program; known: {ModelLookup.Known}");
        // eval, sample and reconstruct run on the CPU, wherever the run trained: the checkpoint loads into CPU tensors
        var settings = RunRecord.ReadSettings(folder) ?? info.Settings;
        var trainer = info.CreateTrainer(settings with { Device = "cpu" });
        try
        {
            var epochs = Checkpoint.Load(Path.Combine(folder, Checkpoint.FileName), trainer);
            return (info, trainer, epochs);
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }
}
