using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Xunit;

namespace Vae.Dsl.Tests.Data;

/// <summary>The held-out test set of one file: its size, its determinism, and that it is a partition.</summary>
public sealed class TrainTestSplitTests
{
    [Fact]
    public void TenPercent_OfAHundred_IsTen_AndAPartition()
    {
        var (train, test) = TrainTestSplit.Indices(100, 0.1, seed: 0, "x.csv");

        test.Length.ShouldBe(10);
        train.Length.ShouldBe(90);
        train.Concat(test).OrderBy(i => i).ShouldBe(Enumerable.Range(0, 100));
        train.ShouldBeInOrder();
        test.ShouldBeInOrder();
    }

    [Fact]
    public void SameSeed_GivesTheSameSplit_AnotherSeedAnother()
    {
        var first = TrainTestSplit.Indices(1000, 0.1, seed: 7, "x.csv");
        var again = TrainTestSplit.Indices(1000, 0.1, seed: 7, "x.csv");
        var other = TrainTestSplit.Indices(1000, 0.1, seed: 8, "x.csv");

        again.Test.ShouldBe(first.Test);
        other.Test.ShouldNotBe(first.Test);
    }

    [Fact]
    public void TheSplitIsPinned_SoDocumentedRunsStayComparable()
    {
        // SplitMix64 from seed 0 driving a Fisher–Yates shuffle of 0..19; changing the algorithm changes every user's test set.
        TrainTestSplit.Indices(20, 0.1, seed: 0, "x.csv").Test.ShouldBe(PinnedTest);
    }

    [Theory]
    [InlineData(2, 0.1, 1)]
    [InlineData(10, 0.99, 9)]
    [InlineData(15, 0.1, 2)]
    [InlineData(25, 0.1, 3)]
    public void TestSize_IsRoundedAndLeavesBothSetsNonEmpty(long count, double fraction, int expected) =>
        TrainTestSplit.Indices(count, fraction, seed: 1, "x.csv").Test.Length.ShouldBe(expected);

    [Fact]
    public void OneExample_CannotBeSplit() =>
        Should.Throw<DatasetException>(() => TrainTestSplit.Indices(1, 0.1, seed: 0, "x.csv")).Message
            .ShouldBe("x.csv: 1 example(s), too few to hold some out for testing; give a test file");

    private static readonly int[] PinnedTest = [10, 14];
}
