using System;
using System.Linq;
using Vae.Dsl.Data;

namespace Vae.Dsl.Training;

/// <summary>
/// <c>training.on-non-finite: rollback</c>: an epoch that meets a non-finite loss or gradient goes back to the state
/// it started from (parameters, optimizer state, random state, steps: the last good checkpoint, kept in memory) and
/// runs again with a tenth of the learning rate. After <see cref="MaxRollbacks"/> rollbacks of one epoch the fault
/// stops training, as with <c>stop</c>.
/// </summary>
public static class Rollback
{
    public const int MaxRollbacks = 3;

    /// <summary>What a rollback did: the epoch, how many times it has been rolled back, and the learning rates now.</summary>
    public sealed record Event(int Epoch, int Rollbacks, NonFiniteLossException Fault, double[] LearningRates);

    /// <summary>
    /// One epoch under the trainer's <c>training.on-non-finite</c>: with rollback through <see cref="TrainEpoch"/>, else
    /// the trainer's own epoch, which stops or skips.
    /// </summary>
    public static EpochMetrics TrainEpochAsSettingsSay(
        IVaeTrainer trainer, VaeData data, int epoch, IProgress<BatchProgress>? progress = null, Action<Event>? onRollback = null) =>
        trainer.Settings.OnNonFinite == NonFiniteAction.Rollback
            ? TrainEpoch(trainer, data, epoch, progress, onRollback)
            : trainer.TrainEpoch(data, epoch, progress);

    public static EpochMetrics TrainEpoch(
        IVaeTrainer trainer, VaeData data, int epoch, IProgress<BatchProgress>? progress = null, Action<Event>? onRollback = null)
    {
        var start = Checkpoint.Capture(trainer, epoch - 1);
        for (var rollbacks = 0; ; rollbacks++)
        {
            try
            {
                return trainer.TrainEpoch(data, epoch, progress);
            }
            catch (NonFiniteLossException fault) when (rollbacks < MaxRollbacks)
            {
                // the learning rates are part of the optimizer's state: restore, then lower them
                Checkpoint.Restore(start, trainer);
                var groups = trainer.Optimizer.ParamGroups.ToArray();
                for (var g = 0; g < groups.Length; g++)
                {
                    groups[g].LearningRate = groups[g].LearningRate / Math.Pow(10, rollbacks + 1);
                }

                onRollback?.Invoke(new Event(epoch, rollbacks + 1, fault, groups.Select(g => g.LearningRate).ToArray()));
            }
            catch (NonFiniteLossException fault)
            {
                throw new NonFiniteLossException($"{fault.Message}; still after {MaxRollbacks} rollbacks of epoch {epoch}, each with a tenth of the learning rate", fault.Epoch, fault.Step);
            }
        }
    }
}
