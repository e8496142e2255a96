using System;
using System.Runtime.Intrinsics.X86;
using Shouldly;
using Vae.Dsl.Native;
using Xunit;

namespace Vae.Dsl.Tests.Native;

/// <summary>OpenBLAS runs the best kernels the CPU has: never its generic x86-64 ones on a CPU with AVX-512 or AVX2.</summary>
public class BlasKernelsTests
{
    [Fact]
    public void Kernels_AreTheBestTheCpuRuns_UnlessTheUserChoseThem()
    {
        var description = BlasKernels.Description;

        description.ShouldNotBeNullOrWhiteSpace();
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE")))
        {
            description.ShouldContain("OPENBLAS_CORETYPE=");
            BlasKernels.Selected.ShouldBeNull("a user's own choice wins");
        }
        else if (description.StartsWith("n/a", StringComparison.Ordinal))
        {
            BlasKernels.Selected.ShouldBeNull("there is no OpenBLAS to choose for");
        }
        else if ((Avx512F.IsSupported && Avx512BW.IsSupported) || (Avx2.IsSupported && Fma.IsSupported))
        {
            description.ShouldNotStartWith("Prescott");
            description.ShouldNotStartWith("Core2");
        }
    }
}
