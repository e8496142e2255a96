using System;

namespace Vae.Dsl.Data;

/// <summary>
/// Which examples of one file are held out for testing when no test file is given. The test set is
/// round(N · fraction) examples (at least 1, and at least 1 left to train on): the first of a Fisher–Yates shuffle of
/// 0 … N − 1 whose random numbers are SplitMix64's from the seed, j = next() mod (i + 1) for i = N − 1 down to 1. The
/// same N, fraction and seed give the same split on every machine and runtime, whatever the model's own seed; both
/// parts keep the file's order.
/// </summary>
public static class TrainTestSplit
{
    /// <summary>The fraction held out by default: one example in ten.</summary>
    public const double DefaultTestFraction = 0.1;

    /// <summary>The seed of the split by default.</summary>
    public const ulong DefaultSeed = 0;

    /// <summary>The positions of the training and of the test examples among <paramref name="count"/>, each in increasing order.</summary>
    public static (int[] Train, int[] Test) Indices(long count, double testFraction, ulong seed, string file)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new DatasetException($"the test fraction must lie strictly between 0 and 1, not {testFraction}");
        }

        if (count < 2)
        {
            throw new DatasetException($"{file}: {count} example(s), too few to hold some out for testing; give a test file");
        }

        if (count > Array.MaxLength)
        {
            throw new DatasetException($"{file}: {count} examples, too many to split");
        }

        var order = new int[count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var state = seed;
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(SplitMix64(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        var testCount = (int)Math.Clamp(Math.Round(count * testFraction, MidpointRounding.AwayFromZero), 1, count - 1);
        var test = order[..testCount];
        var train = order[testCount..];
        Array.Sort(test);
        Array.Sort(train);
        return (train, test);
    }

    // SplitMix64 (Steele, Lea and Flood 2014): the state advances by the golden-ratio constant; the output mixes it.
    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
