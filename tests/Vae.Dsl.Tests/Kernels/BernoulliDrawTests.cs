using System;
using System.Linq;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Kernels;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Kernels;

/// <summary>
/// BernoulliDraw: Philox4x32-10 as Random123 specifies it, draws of the right frequency for every p, a result that
/// follows from the generator's state alone, and TorchSharp's bernoulli where the
/// native pass does not apply.
/// </summary>
public class BernoulliDrawTests
{
    /// <summary>Random123's known answers for philox4x32 with 10 rounds (kat_vectors): counter, key, result.</summary>
    [Theory]
    [InlineData(new uint[] { 0, 0, 0, 0 }, new uint[] { 0, 0 }, new uint[] { 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8 })]
    [InlineData(new uint[] { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff }, new uint[] { 0xffffffff, 0xffffffff }, new uint[] { 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd })]
    [InlineData(new uint[] { 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344 }, new uint[] { 0xa4093822, 0x299f31d0 }, new uint[] { 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1 })]
    public void Philox_GivesRandom123sKnownAnswers(uint[] counter, uint[] key, uint[] expected)
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        var result = new uint[4];

        NativeKernels.Philox4x32(counter, key, result);

        result.ShouldBe(expected);
    }

    /// <summary>
    /// Every path draws what one block of four at a time draws, to the bit: element 4b + j is 1 exactly when word j of
    /// Philox4x32-10 of block b, as a uniform (w >> 8) 2^-24, is below its p. The tables are read whole or by a list of
    /// rows (repeated, out of order); the row lengths and counts leave partial vectors, vectors that straddle two rows,
    /// and a partial last block; the probabilities cover [0, 1] and both ends.
    /// </summary>
    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(31, 1, false)]
    [InlineData(4 * 8 * 3 + 13, 1, false)]
    [InlineData(100_357, 1, false)]
    [InlineData(57, 13, true)]
    [InlineData(300, 784, true)]
    [InlineData(40, 7, true)]
    public unsafe void EveryPath_DrawsWhatPhiloxOfEachBlockGives(int tableRows, int rowLength, bool byRows)
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        var key = 0x243f6a8885a308d3UL;
        var count = tableRows * rowLength;
        using var generator = new Generator(7);
        using var uniform = rand(count, generator: generator);
        // p in {0, 1} at every seventh element, uniform on [0, 1) elsewhere
        using var probabilities = where(arange(count) % 7 == 0, (arange(count) % 2).to(ScalarType.Float32), uniform).contiguous();
        var table = probabilities.data<float>().ToArray();
        // rows: every third row from the last down, then rows 0 and 1 again (repeats, out of order); or the whole table
        var rows = byRows ? Enumerable.Range(0, tableRows).Reverse().Where(r => r % 3 != 1).Concat([0, 1]).Select(r => (long)r).ToArray() : null;
        var p = rows is null ? table : rows.SelectMany(r => table.Skip((int)r * rowLength).Take(rowLength)).ToArray();
        var expected = new float[p.Length];
        var words = new uint[4];
        for (var i = 0; i < p.Length; i++)
        {
            var block = (ulong)i / 4;
            NativeKernels.Philox4x32([(uint)block, (uint)(block >> 32), 0, 0], [(uint)key, (uint)(key >> 32)], words);
            expected[i] = MathF.ScaleB(words[i % 4] >> 8, -24) < p[i] ? 1f : 0f;
        }

        foreach (var path in new[] { NativeKernels.DrawScalar, NativeKernels.DrawAvx2, NativeKernels.DrawAvx512 })
        {
            var draws = new float[p.Length];
            Array.Fill(draws, float.NaN);
            int ran;
            fixed (float* drawsAddress = draws)
            fixed (long* rowsAddress = rows)
            {
                ran = rows is null
                    ? NativeKernels.BernoulliDrawOn(path, NativeKernels.Address(probabilities), count, null, 0, 1, drawsAddress, key)
                    : NativeKernels.BernoulliDrawOn(path, NativeKernels.Address(probabilities), tableRows, rowsAddress, rows.Length, rowLength, drawsAddress, key);
            }

            if (ran == 1)
            {
                draws.ShouldBe(expected, $"path {path}");
            }
            else
            {
                path.ShouldNotBe(NativeKernels.DrawScalar, "every processor runs the scalar path");
                draws.ShouldAllBe(value => float.IsNaN(value), "a declined call writes nothing");
            }
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void TheRowsAtIndices_AreDrawnAsTheirGatheredBatchIs(string dtype)
    {
        using var table = rand(50, 3, 7, dtype: dtype == "float64" ? ScalarType.Float64 : ScalarType.Float32, generator: new Generator(1));
        using var indices = tensor(new long[] { 49, 3, 3, 0, 17, 48 });
        using var first = new Generator(12);
        using var second = new Generator(12);

        using var byIndices = BernoulliDraw.Of(table, indices, first);
        using var gathered = table.index_select(0, indices);
        using var expected = BernoulliDraw.Of(gathered, second);

        byIndices.shape.ShouldBe([6L, 3, 7]);
        byIndices.SameValues(expected).ShouldBeTrue();
        using var next = BernoulliDraw.Of(table, indices, first);
        using var expectedNext = BernoulliDraw.Of(gathered, second);
        next.SameValues(expectedNext).ShouldBeTrue("both generators moved on alike");
    }

    [Theory]
    [InlineData(50L)]
    [InlineData(-1L)]
    public void AnIndexOutsideTheTable_IsAnError(long outside)
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        using var table = rand(50, 784);
        using var indices = tensor(new long[] { 0, outside, 2 });

        Should.Throw<ArgumentOutOfRangeException>(() => BernoulliDraw.Of(table, indices).Dispose()).Message.ShouldContain("outside the 50 examples");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.02)]
    [InlineData(0.97)]
    public void Draws_AreZeroOrOne_WithFrequencyP(double p)
    {
        const int count = 1_000_003;
        using var probabilities = full(count, (float)p);
        using var generator = new Generator(5);

        using var draws = BernoulliDraw.Of(probabilities, generator);

        using var binary = (draws == 0) | (draws == 1);
        binary.all().item<bool>().ShouldBeTrue();
        // the mean of n draws is within 5 standard deviations sqrt(p (1 - p) / n) of p
        var mean = draws.to(ScalarType.Float64).mean().item<double>();
        Math.Abs(mean - p).ShouldBeLessThan(5 * Math.Sqrt(p * (1 - p) / count));
    }

    [Fact]
    public void EachElement_IsDrawnWithItsOwnP_ZeroNeverAndOneAlways()
    {
        const int rows = 20_000;
        const int columns = 9;
        // p_j = j / 8: 0, 0.125, ..., 1 in the columns
        using var columnP = arange(columns, dtype: ScalarType.Float32) / (columns - 1);
        using var probabilities = columnP.expand(rows, columns).contiguous();
        using var generator = new Generator(11);

        using var draws = BernoulliDraw.Of(probabilities, generator);
        using var columnMeans = draws.to(ScalarType.Float64).mean([0]);

        for (var j = 0; j < columns; j++)
        {
            var p = j / (double)(columns - 1);
            var mean = columnMeans[j].item<double>();
            if (j == 0 || j == columns - 1)
            {
                mean.ShouldBe(p, "p = 0 never gives 1, p = 1 always does");
            }
            else
            {
                Math.Abs(mean - p).ShouldBeLessThan(5 * Math.Sqrt(p * (1 - p) / rows));
            }
        }
    }

    [Fact]
    public void Draws_FollowFromTheGeneratorsState()
    {
        using var probabilities = full(4096, 0.5f);
        using var first = new Generator(3);
        using var again = new Generator(3);
        using var other = new Generator(4);

        using var a = BernoulliDraw.Of(probabilities, first);
        using var b = BernoulliDraw.Of(probabilities, again);
        using var next = BernoulliDraw.Of(probabilities, first);
        using var c = BernoulliDraw.Of(probabilities, other);

        a.SameValues(b).ShouldBeTrue("the same seed draws the same");
        a.SameValues(next).ShouldBeFalse("each call takes a new key from the generator");
        a.SameValues(c).ShouldBeFalse("another seed draws otherwise");
    }

    [Theory]
    [InlineData("float64")]
    [InlineData("strided")]
    public void WhereThePassDoesNotApply_TheDrawIsTorchSharps(string reason)
    {
        using var square = full(400, 400, 0.25, dtype: reason == "float64" ? ScalarType.Float64 : ScalarType.Float32);
        using var probabilities = reason == "strided" ? square.t() : square.alias();
        using var generator = new Generator(2);
        using var expectedGenerator = new Generator(2);

        using var draws = BernoulliDraw.Of(probabilities, generator);
        using var expected = bernoulli(probabilities, expectedGenerator);

        draws.SameValues(expected).ShouldBeTrue();
    }
}
