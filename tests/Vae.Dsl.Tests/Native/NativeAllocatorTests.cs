using Shouldly;
using Vae.Dsl.Native;
using Xunit;

namespace Vae.Dsl.Tests.Native;

/// <summary>
/// The scalars' blocks are reserved once per process (docs/threads.md, "The allocator"), and `vae train`'s allocator
/// line says so.
/// </summary>
[Collection(NativeSettingsCollection.Name)]
public class NativeAllocatorTests
{
    [Fact]
    public void ReserveScalarBlocks_ReservesOnceOnGlibc_AndSaysHowMany()
    {
        var first = NativeAllocator.ReserveScalarBlocks();
        first.ShouldBe(NativeAllocator.ScalarBlocks, "this project's machines run glibc");
        NativeAllocator.ReserveScalarBlocks().ShouldBe(first, "a second call reserves nothing more");

        // Keep: this thread's pool stays IEEE, as DenormalsTests expect of threads started from it
        var lines = NativeSettings.Apply(NativeThreads.Current, DenormalMode.Keep).Split('\n');
        lines.ShouldContain($"allocator: freed memory kept for reuse, {NativeAllocator.ScalarBlocks} scalar blocks reserved");
    }
}
