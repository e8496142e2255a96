using Vae.Dsl.Cli.Output;
using Vae.Dsl.Models;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>The settings a <c>vae train</c> run uses.</summary>
internal static class RunSettings
{
    /// <summary>The model file's settings with the command line's overrides; a resumed run keeps the ones it started with.</summary>
    public static TrainingSettings For(VaeModelInfo info, TrainOptions options)
    {
        var started = options.ResumeDirectory is { } folder ? RunRecord.ReadSettings(folder) : null;
        return started is not null
            ? started with
            {
                Epochs = options.Epochs ?? started.Epochs,
                ImportanceSamples = options.ImportanceSamples ?? started.ImportanceSamples,
                Device = options.Device ?? started.Device,
            }
            : info.Settings with
            {
                Epochs = options.Epochs ?? info.Settings.Epochs,
                BatchSize = options.BatchSize ?? info.Settings.BatchSize,
                LearningRate = options.LearningRate ?? info.Settings.LearningRate,
                Seed = options.Seed ?? info.Settings.Seed,
                ImportanceSamples = options.ImportanceSamples ?? info.Settings.ImportanceSamples,
                Device = options.Device ?? info.Settings.Device,
            };
    }
}
