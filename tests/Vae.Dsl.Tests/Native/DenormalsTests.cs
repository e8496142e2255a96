using System;
using System.Linq;
using System.Threading;
using Shouldly;
using Vae.Dsl.Native;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Native;

/// <summary>
/// Flushing denormals reaches every thread that computes: libtorch's kernels on the calling thread, and the threads
/// of its OpenMP pool in a parallel elementwise pass and in MKL's matrix product; keeping them gives IEEE gradual
/// underflow back on all of them. Each test runs on a thread of its own (the mode is per thread, and libgomp keeps a
/// pool per thread that starts parallel work) and in a collection that runs alone (the pool's size is process-wide).
/// </summary>
[Collection(NativeSettingsCollection.Name)]
public class DenormalsTests
{
    // 2⁻¹²⁶ ≈ 1.18e-38 is float32's smallest normal number; 1e-30 · 1e-10 = 1e-40 lies below it
    private const float Tiny = 1e-30f;
    private const float Tinier = 1e-10f;

    [Fact]
    public void Flush_MakesABelowNormalProductZero_OnThisThreadAndOnEveryPoolThread()
    {
        OnOwnThread(() =>
        {
            Denormals.Apply(DenormalMode.Flush).ShouldBe("denormals: flushed to zero (this thread and libtorch's pool)");
            Denormals.FlushedOnThisThread().ShouldBeTrue();

            ElementwiseProduct().ShouldBe(0f, "libtorch's kernel on this thread flushes 1e-40 to 0");
            ParallelElementwiseProduct().ShouldAllBe(v => v == 0f, "every chunk of the pass, whichever pool thread computed it, is flushed");
            MatrixProduct().ShouldAllBe(v => v == 0f, "every row of the product, whichever pool thread computed it, is flushed");
        });
    }

    [Fact]
    public void Keep_GivesGradualUnderflow_OnThisThreadAndOnEveryPoolThread()
    {
        OnOwnThread(() =>
        {
            Denormals.Apply(DenormalMode.Flush);
            Denormals.Apply(DenormalMode.Keep).ShouldBe("denormals: kept (this thread and libtorch's pool)");
            Denormals.FlushedOnThisThread().ShouldBeFalse();

            ElementwiseProduct().ShouldBe(1e-40f, 1e-45f, "1e-40 is representable as a denormal");
            ParallelElementwiseProduct().ShouldAllBe(v => Math.Abs(v - 1e-40f) < 1e-45f, "every chunk of the pass keeps its denormal");
            // each entry sums 256 products of 1e-40: 2.56e-38, normal again, which a flushing worker would make 0
            MatrixProduct().ShouldAllBe(v => Math.Abs(v - 2.56e-38f) < 1e-40f, "every row of the product keeps its denormal products");
        });
    }

    private static float ElementwiseProduct()
    {
        using var a = tensor(new[] { Tiny });
        using var b = tensor(new[] { Tinier });
        using var product = a * b;
        return product.data<float>()[0];
    }

    // 2²⁰ elements: libtorch splits an elementwise pass of more than 32,768 over its pool's threads
    private static float[] ParallelElementwiseProduct()
    {
        NativeThreads.Apply(Environment.ProcessorCount);
        using var a = full(1 << 20, Tiny);
        using var b = full(1 << 20, Tinier);
        using var product = a * b;
        return product.data<float>().ToArray();
    }

    // 256 x 256 by 256 x 256: large enough that MKL splits it over the pool's threads (two on the project's machine)
    private static float[] MatrixProduct()
    {
        NativeThreads.Apply(Environment.ProcessorCount);
        using var a = full(256, 256, Tiny);
        using var b = full(256, 256, Tinier);
        using var product = a.matmul(b);
        return product.data<float>().ToArray();
    }

    private static void OnOwnThread(Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                test();
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                // leave this thread's pool as IEEE as a new one's
                Denormals.Apply(DenormalMode.Keep);
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new ShouldAssertException(failure.Message, failure);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeSettingsCollection
{
    public const string Name = "native settings";
}
