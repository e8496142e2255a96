using System;
using Shouldly;
using Vae.Dsl.Kernels;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Native;

/// <summary>
/// The MKL inside libtorch_cpu chooses its code paths by the processor's features once our library answers its
/// maker check (docs/threads.md, "MKL on AMD processors"), and its products stay right on those paths.
/// </summary>
[Collection(NativeSettingsCollection.Name)]
public class MklDispatchTests
{
    [Fact]
    public void TheAnswer_ResolvesFromTheGlobalScope_OnThisProjectsMachines()
    {
        NativeKernels.TryMklDispatchByFeatures().ShouldBeTrue(NativeKernels.Status);
        // a second call finds the library already global
        NativeKernels.TryMklDispatchByFeatures().ShouldBeTrue();
    }

    [Theory]
    [InlineData(128, 784, 400)]
    [InlineData(1000, 400, 784)]
    [InlineData(37, 21, 19)]
    public void MatrixProducts_AfterIt_AreTheFloat64ProductWithinFloat32Rounding(int rows, int inner, int columns)
    {
        NativeKernels.TryMklDispatchByFeatures().ShouldBeTrue();
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var a = randn([rows, inner], generator: generator);
        var b = randn([inner, columns], generator: generator);

        var product = a.matmul(b).to_type(ScalarType.Float64);
        var exact = a.to_type(ScalarType.Float64).matmul(b.to_type(ScalarType.Float64));

        // |error| ≤ inner · 2⁻²⁴ · Σ_k |a_ik b_kj|, the bound of a float32 sum of inner products
        var bound = a.abs().to_type(ScalarType.Float64).matmul(b.abs().to_type(ScalarType.Float64)) * (inner * Math.Pow(2, -24));
        var excess = ((product - exact).abs() - bound).max().item<double>();
        excess.ShouldBeLessThanOrEqualTo(0.0);
    }
}
