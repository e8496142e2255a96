using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Shouldly;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Tests.Native;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Evaluation;

/// <summary>
/// <see cref="BatchWorkers.Sum"/>: every batch once, the sum in batch order, each worker single-threaded under
/// no_grad, failures rethrown, and the caller's thread settings back afterwards. It changes the process's thread
/// settings while it runs, so it runs alone.
/// </summary>
[Collection(NativeSettingsCollection.Name)]
public class BatchWorkersTests
{
    [Fact]
    public void Sum_AddsEveryBatchOnce_AndReportsEachOnce()
    {
        var ran = new ConcurrentBag<int>();
        var reported = new ConcurrentBag<int>();

        var total = BatchWorkers.Sum(100, workers: 2, b => { ran.Add(b); return b; }, reported.Add);

        total.ShouldBe(Enumerable.Range(0, 100).Sum());
        ran.OrderBy(b => b).ShouldBe(Enumerable.Range(0, 100));
        reported.OrderBy(b => b).ShouldBe(Enumerable.Range(0, 100));
    }

    [Fact]
    public void Sum_AddsInBatchOrder_WhateverOrderTheBatchesRan()
    {
        // In batch order (1e16 - 1e16) + 1 = 1. Doubles near 1e16 are 2 apart, so a 1 added to either large number
        // first is lost, and batch 0's 1e16 plus the other worker's (-1e16 + 1) gives 0.
        double[] values = [1e16, -1e16, 1];

        var total = BatchWorkers.Sum(3, workers: 2, b =>
        {
            // the later batches finish first
            Thread.Sleep(b == 0 ? 200 : 0);
            return values[b];
        });

        total.ShouldBe(1);
    }

    [Fact]
    public void Sum_RunsTheBatchesOnThatManyThreads_EachSingleThreaded_WithoutGradients()
    {
        using var bothStarted = new Barrier(2);
        var threads = new ConcurrentBag<int>();
        var kernelThreads = new ConcurrentBag<int>();
        var gradients = new ConcurrentBag<bool>();

        BatchWorkers.Sum(2, workers: 2, b =>
        {
            // each worker takes one batch and waits here for the other: one thread alone would time out
            bothStarted.SignalAndWait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
            threads.Add(Environment.CurrentManagedThreadId);
            kernelThreads.Add(get_num_threads());
            gradients.Add(is_grad_enabled());
            return 0;
        });

        threads.Distinct().Count().ShouldBe(2);
        threads.ShouldNotContain(Environment.CurrentManagedThreadId);
        kernelThreads.ShouldAllBe(n => n == 1);
        gradients.ShouldAllBe(enabled => !enabled);
    }

    [Fact]
    public void Sum_PutsTheCallersThreadSettingsBack()
    {
        var before = get_num_threads();

        BatchWorkers.Sum(4, workers: 2, b => b);

        get_num_threads().ShouldBe(before);
    }

    [Fact]
    public void Sum_RethrowsTheFirstFailure_AndStopsTakingBatches()
    {
        var ran = 0;

        var failure = Should.Throw<InvalidOperationException>(() => BatchWorkers.Sum(1000, workers: 2, b =>
        {
            Interlocked.Increment(ref ran);
            if (b == 3)
            {
                throw new InvalidOperationException("batch 3 failed");
            }

            // slow enough that the other worker cannot finish the rest before it sees the failure
            Thread.Sleep(1);
            return b;
        }));

        failure.Message.ShouldBe("batch 3 failed");
        ran.ShouldBeLessThan(1000);
    }

    [Fact]
    public void Sum_WithOneWorker_RunsOnTheCallingThread()
    {
        var threads = new ConcurrentBag<int>();

        BatchWorkers.Sum(5, workers: 1, b => { threads.Add(Environment.CurrentManagedThreadId); return b; });

        threads.Distinct().ShouldBe([Environment.CurrentManagedThreadId]);
    }
}
