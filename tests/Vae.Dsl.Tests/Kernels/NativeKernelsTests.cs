using System.Runtime.InteropServices;
using Shouldly;
using Vae.Dsl.Kernels;
using Xunit;

namespace Vae.Dsl.Tests.Kernels;

/// <summary>The native library is built and loaded wherever it is meant to be, so that a build that lost it fails here.</summary>
public class NativeKernelsTests
{
    [Fact]
    public void IsLoaded_ExactlyOnLinuxX64()
    {
        var built = System.OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

        NativeKernels.IsLoaded.ShouldBe(built, NativeKernels.Status);
    }
}
