using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using Vae.Dsl.Native;
using static TorchSharp.torch;

namespace Vae.Dsl.Evaluation;

/// <summary>
/// Runs work made of independent batches, such as log p(x) over the test set (one estimate per example), on one
/// thread per core, each thread running libtorch single-threaded. Split inside every kernel instead, the
/// cores wait for each other at the end of every matrix product and elementwise pass, and at IWAE's shapes (a few
/// hundred rows) those waits cost about a quarter of the time (docs/threads.md, "The evaluation: one batch per core").
/// </summary>
public static class BatchWorkers
{
    /// <summary>
    /// The workers <see cref="Sum"/> uses by default: as many threads as libtorch's pool has, so that `--threads`
    /// bounds the evaluation's cores as it does training's.
    /// </summary>
    public static int FromThreadSettings() => Math.Max(1, NativeThreads.Current);

    /// <summary>
    /// Calls <paramref name="batch"/> for every batch index in [0, <paramref name="batches"/>) and returns the sum of
    /// its results, added in batch order whatever order the batches ran in. With more than one worker the batches run
    /// on that many new threads, in no fixed order, each under no_grad, with single-threaded libtorch and
    /// the calling thread's denormal mode; the calling thread's thread settings are restored afterwards.
    /// <paramref name="batchDone"/> is called after each batch, one call at a time. The first exception a batch throws
    /// stops the others and is rethrown here.
    /// </summary>
    public static double Sum(int batches, int workers, Func<int, double> batch, Action<int>? batchDone = null)
    {
        workers = Math.Clamp(workers, 1, Math.Max(1, batches));
        if (workers == 1)
        {
            return SumInline(batches, batch, batchDone);
        }

        var callers = NativeThreads.Current;
        NativeThreads.Apply(1);
        try
        {
            return SumOnWorkers(batches, workers, batch, batchDone);
        }
        finally
        {
            NativeThreads.Apply(callers);
        }
    }

    private static double SumInline(int batches, Func<int, double> batch, Action<int>? batchDone)
    {
        using var noGrad = no_grad();
        var total = 0.0;
        for (var b = 0; b < batches; b++)
        {
            total += batch(b);
            batchDone?.Invoke(b);
        }

        return total;
    }

    private static double SumOnWorkers(int batches, int workers, Func<int, double> batch, Action<int>? batchDone)
    {
        var denormals = Denormals.FlushedOnThisThread() ? DenormalMode.Flush : DenormalMode.Keep;
        var results = new double[batches];
        var nextBatch = -1;
        var reporting = new object();
        ExceptionDispatchInfo? failure = null;

        void Work()
        {
            try
            {
                // Thread settings, grad mode and the denormal mode are each thread's own
                set_num_threads(1);
                Denormals.ApplyToThisThread(denormals);
                using var noGrad = no_grad();
                int b;
                while (Volatile.Read(ref failure) is null && (b = Interlocked.Increment(ref nextBatch)) < batches)
                {
                    results[b] = batch(b);
                    if (batchDone is not null)
                    {
                        lock (reporting)
                        {
                            batchDone(b);
                        }
                    }
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        var threads = new Thread[workers];
        for (var w = 0; w < workers; w++)
        {
            threads[w] = new Thread(Work) { Name = $"batch worker {w + 1}", IsBackground = true };
            threads[w].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        failure?.Throw();
        var total = 0.0;
        foreach (var result in results)
        {
            total += result;
        }

        return total;
    }
}
