using System;
using System.Runtime.CompilerServices;
using Shouldly;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    [Collection(NativeMemoryCollection.Name)]
    public class MemoryTests
    {
        // 64 MiB: far above the heap's background noise, and mmapped by glibc, so freeing returns it at once.
        private const long Elements = 16L * 1024 * 1024;
        private const long Bytes = Elements * sizeof(float);

        [Fact]
        public void Dispose_ReturnsTheNativeMemory()
        {
            var before = NativeMemory.BytesInUse();
            var t = ones(Elements);
            (NativeMemory.BytesInUse() - before).ShouldBeGreaterThanOrEqualTo(Bytes);
            t.Dispose();
            (NativeMemory.BytesInUse() - before).ShouldBeLessThan(Bytes / 8);
            t.IsInvalid.ShouldBeTrue();
        }

        [Fact]
        public void DisposeScope_ReturnsTheMemoryOfEverythingCreatedInIt()
        {
            var before = NativeMemory.BytesInUse();
            using (NewDisposeScope()) {
                var a = ones(Elements);
                var b = a * 2;
                (NativeMemory.BytesInUse() - before).ShouldBeGreaterThanOrEqualTo(2 * Bytes);
                b.sum().item<float>().ShouldBe(2f * Elements);
            }
            (NativeMemory.BytesInUse() - before).ShouldBeLessThan(Bytes / 8);
        }

        [Fact]
        public void Finalizer_ReturnsTheMemoryOfUnreachableTensors()
        {
            var before = NativeMemory.BytesInUse();
            AllocateAndDrop();
            for (var i = 0; i < 3; i++) {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            (NativeMemory.BytesInUse() - before).ShouldBeLessThan(Bytes / 8);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void AllocateAndDrop()
        {
            var t = ones(Elements);
            t.numel().ShouldBe(Elements);
        }

        [Fact]
        public void ModuleAndOptimizer_Dispose_ReleaseParametersAndState()
        {
            var before = NativeMemory.BytesInUse();
            var model = nn.Linear(4096, 4096);
            var optimizer = optim.Adam(model.parameters());
            // Weights plus two moment buffers: at least 3 × 64 MiB.
            (NativeMemory.BytesInUse() - before).ShouldBeGreaterThanOrEqualTo(3 * Bytes);
            optimizer.Dispose();
            model.Dispose();
            (NativeMemory.BytesInUse() - before).ShouldBeLessThan(Bytes / 8);
        }
    }
}
