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

        // The runtime's own threads (the JIT recompiling hot methods in the background, among others) use the same C
        // heap, so a reading taken before a Dispose and one taken after may differ by a few kilobytes that are not
        // ours (CI once saw 42 KB). One MiB of slack still fails if even one of the 64 MiB tensors is not returned.
        private const long BackgroundAllocations = 1024 * 1024;

        [Fact]
        public void Dispose_ReturnsTheNativeMemory()
        {
            var before = SettledBytesInUse();
            var t = ones(Elements);
            var holding = NativeMemory.BytesInUse();
            t.Dispose();
            var after = NativeMemory.BytesInUse();

            // Measured across the Dispose alone: a collection that the allocation's memory pressure sets off may free
            // earlier garbage while the tensor is made, which would blur a growth measured from `before`.
            (holding - after).ShouldBeGreaterThanOrEqualTo(Bytes - BackgroundAllocations);
            (after - before).ShouldBeLessThan(Bytes / 8);
            t.IsInvalid.ShouldBeTrue();
        }

        [Fact]
        public void DisposeScope_ReturnsTheMemoryOfEverythingCreatedInIt()
        {
            var before = SettledBytesInUse();
            long holding;
            using (NewDisposeScope()) {
                var a = ones(Elements);
                var b = a * 2;
                b.sum().item<float>().ShouldBe(2f * Elements);
                holding = NativeMemory.BytesInUse();
            }
            var after = NativeMemory.BytesInUse();

            (holding - after).ShouldBeGreaterThanOrEqualTo(2 * Bytes - BackgroundAllocations);
            (after - before).ShouldBeLessThan(Bytes / 8);
        }

        [Fact]
        public void Finalizer_ReturnsTheMemoryOfUnreachableTensors()
        {
            var before = SettledBytesInUse();
            AllocateAndDrop();
            for (var i = 0; i < 3; i++) {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            (NativeMemory.BytesInUse() - before).ShouldBeLessThan(Bytes / 8);
        }

        [Fact]
        public void LoopThatNeverDisposes_StaysBounded_BecauseTheCollectorKnowsTheNativeMemory()
        {
            // 1,000 steps of two 1 MiB tensors that nobody disposes: 2 GiB in all. Their managed wrappers are tiny, so
            // only the memory pressure they report makes the collector run and their finalizers free them.
            var peak = PeakGrowth(Churn, steps: 1000);

            peak.ShouldBeLessThan(512L * 1024 * 1024, $"peak growth {peak / (1024 * 1024)} MiB");
        }

        [Fact]
        public void LoopThatMovesTensorsOutOfEveryScope_AndNeverDisposesThem_StaysBounded()
        {
            // The same 2 GiB, but each tensor is made in a scope and then moved out of it: from then on only the
            // collector can free it, so it reports its memory then
            var peak = PeakGrowth(ChurnOutOfScope, steps: 1000);

            peak.ShouldBeLessThan(512L * 1024 * 1024, $"peak growth {peak / (1024 * 1024)} MiB");
        }

        [Fact]
        public void TensorsThatScopesFree_LeaveTheCollectorIdle()
        {
            // 200 steps of two 1 MiB tensors, each freed by its step's scope: the collector has nothing to do, and a
            // full collection per step (what reporting their memory caused) would be 200
            SettledBytesInUse();
            var collections = GC.CollectionCount(2);
            for (var i = 0; i < 200; i++) {
                using var scope = NewDisposeScope();
                Churn();
            }

            (GC.CollectionCount(2) - collections).ShouldBeLessThan(10);
        }

        /// <summary>The most the native heap grew above its settled size while <paramref name="step"/> ran that many times.</summary>
        private static long PeakGrowth(Action step, int steps)
        {
            var before = SettledBytesInUse();
            long peak = 0;
            for (var i = 0; i < steps; i++) {
                step();
                peak = Math.Max(peak, NativeMemory.BytesInUse() - before);
            }
            return peak;
        }

        /// <summary>
        /// The native bytes in use once earlier tests' garbage is gone: tensors now report memory pressure, so a large
        /// allocation may make the collector free that garbage in the middle of a measurement.
        /// </summary>
        private static long SettledBytesInUse()
        {
            for (var i = 0; i < 2; i++) {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            return NativeMemory.BytesInUse();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Churn()
        {
            var a = ones(256 * 1024);
            var b = a * 2;
            b.numel().ShouldBe(256 * 1024);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ChurnOutOfScope()
        {
            using var scope = NewDisposeScope();
            var a = ones(256 * 1024);
            var b = (a * 2).MoveToOuterDisposeScope();
            b.numel().ShouldBe(256 * 1024);
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
            var before = SettledBytesInUse();
            var model = nn.Linear(4096, 4096);
            var optimizer = optim.Adam(model.parameters());
            var holding = NativeMemory.BytesInUse();
            optimizer.Dispose();
            model.Dispose();
            var after = NativeMemory.BytesInUse();

            // Weights plus Adam's two moment buffers: 3 × 64 MiB, all returned by the two Dispose calls.
            (holding - after).ShouldBeGreaterThanOrEqualTo(3 * Bytes - BackgroundAllocations);
            (after - before).ShouldBeLessThan(Bytes / 8);
        }
    }
}
