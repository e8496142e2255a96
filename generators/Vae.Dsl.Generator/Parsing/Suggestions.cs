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

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    public static int EditDistance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
