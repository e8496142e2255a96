using Shouldly;
using Vae.Dsl.Kernels;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Kernels;

/// <summary>The native check that every gradient is finite: one NaN or infinity anywhere in any buffer is found.</summary>
public class AllFiniteTests
{
    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 37)]
    [InlineData(float.NegativeInfinity, 100)]
    [InlineData(float.NaN, 102)]
    public void ANonFiniteElement_AnywhereInAnyBuffer_IsFound(float value, int position)
    {
        // 103 elements: twelve blocks of eight and a tail of seven
        using var first = randn(40, 5);
        using var second = randn(103) * 1e30;
        using var finite = second.clone();
        second[position] = value;

        NativeKernels.TryAllFinite([first, finite], out var allFinite).ShouldBeTrue(NativeKernels.Status);
        allFinite.ShouldBeTrue();
        NativeKernels.TryAllFinite([first, second], out allFinite).ShouldBeTrue();
        allFinite.ShouldBeFalse();
    }

    [Fact]
    public void WhereThePassDoesNotTakeEveryTensor_ItSaysSo()
    {
        using var single = randn(10);
        using var wide = randn(10, dtype: ScalarType.Float64);

        NativeKernels.TryAllFinite([single, wide], out _).ShouldBeFalse();
    }
}
