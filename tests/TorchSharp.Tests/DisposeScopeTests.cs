using Shouldly;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    // Draws from the default generator (module initialization): kept apart from the tests that seed it.
    [Collection(RandomCollection.Name)]
    public class DisposeScopeTests
    {
        [Fact]
        public void TensorsCreatedInAScope_AreDisposedWithIt_ExceptThoseMovedOut()
        {
            Tensor kept, dropped;
            using (var scope = NewDisposeScope()) {
                dropped = ones(3);
                kept = (dropped * 2).MoveToOuterDisposeScope();
                scope.DisposablesCount.ShouldBe(1);
            }
            dropped.IsInvalid.ShouldBeTrue();
            kept.IsInvalid.ShouldBeFalse();
            kept.sum().item<float>().ShouldBe(6);
            kept.Dispose();
        }

        [Fact]
        public void NestedScopes_MoveToOuter_LandsInTheEnclosingScope()
        {
            Tensor inner;
            using (var outer = NewDisposeScope()) {
                using (var scope = NewDisposeScope()) {
                    inner = scope.MoveToOuter(ones(2));
                    ones(2);
                }
                inner.IsInvalid.ShouldBeFalse();
                outer.DisposablesCount.ShouldBe(1);
            }
            inner.IsInvalid.ShouldBeTrue();
        }

        [Fact]
        public void MoveToOuter_Overloads_ReturnWhatTheyMove()
        {
            Tensor a, b, c, d;
            using (var scope = NewDisposeScope()) {
                (a, b) = scope.MoveToOuter(ones(1), ones(1));
                c = ones(1);
                d = ones(1);
                scope.MoveToOuter(c, d);
                var e = ones(1);
                scope.MoveToOuter(new System.IDisposable[] { e });
                e.Dispose();
            }
            new[] { a, b, c, d }.ShouldAllBe(t => !t.IsInvalid);
            foreach (var t in new[] { a, b, c, d }) t.Dispose();
        }

        [Fact]
        public void DisposingATensorByHand_RemovesItFromItsScope()
        {
            using var scope = NewDisposeScope();
            var t = ones(2);
            scope.DisposablesCount.ShouldBe(1);
            t.Dispose();
            scope.DisposablesCount.ShouldBe(0);
        }

        [Fact]
        public void ModulesAndParameters_SurviveTheScopeTheyWereCreatedIn()
        {
            Modules.Linear model;
            using (NewDisposeScope()) {
                model = nn.Linear(2, 2);
                using var y = model.call(ones(1, 2));
            }
            model.weight!.IsInvalid.ShouldBeFalse();
            model.call(ones(1, 2)).shape.ShouldBe(new long[] { 1, 2 });
            model.Dispose();
        }
    }
}
