using System;
using Spectre.Console;
using Vae.Dsl.Cli.Data;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Data;
using Vae.Dsl.Models;
using Vae.Dsl.Native;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>A saved run restored from its checkpoint, with the test examples it was trained against.</summary>
internal sealed record SavedRun(VaeModelInfo Info, IVaeTrainer Trainer, int Epochs, VaeData Test);

/// <summary>
/// What the commands that work on a saved run (<c>eval</c>, <c>sample</c>, <c>reconstruct</c>) share: the native
/// settings, the run restored, its data loaded and released afterwards, and the errors they end with.
/// </summary>
internal static class SavedRunCommand
{
    /// <summary>Runs <paramref name="work"/> on the run in <paramref name="folder"/>; returns its exit code, or the error's.</summary>
    public static int Run(string folder, DataSourceOptions data, Func<SavedRun, int> work)
    {
        return ExitCodes.Of(() =>
        {
            NativeSettings.Apply(NativeThreads.Recommended);
            var (info, trainer, epochs) = RunLookup.Open(folder);
            using (trainer)
            {
                // the options the run was trained with give the same test set, a split one included
                var (train, test) = DataLoader.Load(DataSourceResolver.Resolve(data), info);
                using var trainImages = train.Examples;
                using var testImages = test.Examples;
                using var trainLabels = train.Labels;
                using var testLabels = test.Labels;
                return work(new SavedRun(info, trainer, epochs, test));
            }
        });
    }
}
