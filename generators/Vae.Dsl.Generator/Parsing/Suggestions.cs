using System;
using System.Collections.Generic;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>"Did you mean …?" for a misspelt key or word: the nearest candidate by edit distance.</summary>
internal static class Suggestions
{
    /// <summary>The text to append to a message: " Did you mean 'x'?", or empty when nothing is close.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(word, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Close means at most a third of the word wrong, and never more than three edits.
        var allowed = Math.Min(3, Math.Max(1, word.Length / 3));
        return best is not null && bestDistance <= allowed ? $". Did you mean '{best}'?" : string.Empty;
    }

    /// <summary>
    /// Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as one edit
    /// (optimal string alignment), case-insensitive: "rleu" is one edit from "relu".
    /// </summary>
    public static int EditDistance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
