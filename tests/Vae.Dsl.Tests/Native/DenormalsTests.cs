using System;
using System.Linq;
using System.Threading;
using Shouldly;
using Vae.Dsl.Native;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Native;

/// <summary>
/// Flushing denormals reaches every thread that computes: libtorch's kernels on the calling thread and OpenBLAS's
/// workers in a matrix product; keeping them gives IEEE gradual underflow back on both. Each test runs on a thread of
/// its own (the mode is per thread) and in a collection that runs alone (OpenBLAS's workers are restarted).
/// </summary>
[Collection(NativeSettingsCollection.Name)]
public class DenormalsTests
{
    // 2⁻¹²⁶ ≈ 1.18e-38 is float32's smallest normal number; 1e-30 · 1e-10 = 1e-40 lies below it
    private const float Tiny = 1e-30f;
    private const float Tinier = 1e-10f;

    [Fact]
    public void Flush_MakesABelowNormalProductZero_OnThisThreadAndInEveryBlasWorker()
    {
        OnOwnThread(() =>
        {
            Denormals.Apply(DenormalMode.Flush).ShouldStartWith("denormals: flushed to zero");
            Denormals.FlushedOnThisThread().ShouldBeTrue();

            ElementwiseProduct().ShouldBe(0f, "libtorch's kernel on this thread flushes 1e-40 to 0");
            MatrixProduct().ShouldAllBe(v => v == 0f, "every row of the product, whichever OpenBLAS thread computed it, is flushed");
        });
    }

    [Fact]
    public void Keep_GivesGradualUnderflow_OnThisThreadAndInEveryBlasWorker()
    {
        OnOwnThread(() =>
        {
            Denormals.Apply(DenormalMode.Keep).ShouldStartWith("denormals: kept");
            Denormals.FlushedOnThisThread().ShouldBeFalse();

            ElementwiseProduct().ShouldBe(1e-40f, 1e-45f, "1e-40 is representable as a denormal");
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

    // 256 x 256 by 256 x 256: large enough that OpenBLAS splits it over its threads (two on the project's machine)
    private static float[] MatrixProduct()
    {
        NativeThreads.Apply(new ThreadSettings(AtenThreads: 1, BlasThreads: Environment.ProcessorCount));
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
                // leave OpenBLAS's workers as the rest of the tests expect them: IEEE, started from a thread that keeps denormals
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
