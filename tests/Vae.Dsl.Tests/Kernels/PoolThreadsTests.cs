using Shouldly;
using TorchSharp;
using TorchSharp.Modules;
using Vae.Dsl.Kernels;
using Vae.Dsl.Tests.Native;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Kernels;

/// <summary>
/// The passes that split their work over libtorch's OpenMP pool reach it, and give the same result, bit for bit, on one
/// thread as on the whole pool: a thread's share never changes what is computed.
/// </summary>
[Collection(NativeSettingsCollection.Name)]
public class PoolThreadsTests
{
    [Fact]
    public void BernoulliDraws_AreTheSameOnOneThreadAsOnThePool()
    {
        using var probabilities = rand(300, 784, generator: new Generator(1));

        var (onPool, onOneThread) = OnPoolAndOnOneThread(() => BernoulliDraw.Of(probabilities, new Generator(9)));

        onPool.SameValues(onOneThread).ShouldBeTrue();
    }

    [Fact]
    public void AdamSteps_AreTheSameOnOneThreadAsOnThePool()
    {
        // 3 x 40,000 weights: more than one thread's share of the pass
        Tensor Steps()
        {
            using var weight = new Parameter(randn(3, 40_000, generator: new Generator(4)));
            var optimizer = new FusedAdam.Adam([weight], lr: 0.01, weight_decay: 0.01);
            for (var step = 0; step < 3; step++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                (weight.square() * weight).sum().backward();
                optimizer.step();
                optimizer.LastStepNative.ShouldBeTrue(NativeKernels.Status);
            }

            return weight.detach().clone();
        }

        var (onPool, onOneThread) = OnPoolAndOnOneThread(Steps);

        onPool.SameValues(onOneThread).ShouldBeTrue();
    }

    [Fact]
    public void BernoulliLogLikelihood_AndItsGradient_AreTheSameOnOneThreadAsOnThePool()
    {
        using var x = bernoulli(full(128, 784, 0.4f), new Generator(6));
        Tensor ForwardAndBackward()
        {
            using var logits = (randn(128, 784, generator: new Generator(8)) * 3).requires_grad_();
            using var logP = BernoulliLogLikelihood.Of(logits, x);
            using var weights = arange(128, dtype: ScalarType.Float32);
            // a different upstream gradient for every row
            (logP * weights).sum().backward();
            using var gradient = logits.grad!;
            return cat([logP.detach(), gradient.flatten()]);
        }

        var (onPool, onOneThread) = OnPoolAndOnOneThread(ForwardAndBackward);

        onPool.SameValues(onOneThread).ShouldBeTrue();
    }

    /// <summary>Runs <paramref name="pass"/> with a pool of two threads, then of one; the calling thread's size is restored.</summary>
    private static (Tensor OnPool, Tensor OnOneThread) OnPoolAndOnOneThread(System.Func<Tensor> pass)
    {
        var threads = get_num_threads();
        try
        {
            set_num_threads(2);
            NativeKernels.PoolThreads.ShouldBe(2, $"a pass reaches libtorch's pool ({NativeKernels.Status})");
            var onPool = pass();
            set_num_threads(1);
            NativeKernels.PoolThreads.ShouldBe(1);
            var onOneThread = pass();
            return (onPool, onOneThread);
        }
        finally
        {
            set_num_threads(threads);
        }
    }
}
