using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Vae.Dsl.Generator.Tests.Fuzzing;

/// <summary>
/// The failures of a fuzz run, by kind ("diagnostic's line/column is not Roslyn's", "generated code does not compile:
/// CS0542: ..."): how many inputs failed that way, in which variants (the diagnostic IDs, say), the first input, and
/// the shortest, which <see cref="Shrink"/> then cuts down line by line while it still fails that way. The report
/// shows each kind's example with its non-printable characters escaped. A run goes on after a failure, so one run
/// lists every kind it finds.
/// </summary>
internal sealed class FuzzFailures
{
    private readonly Dictionary<string, Failure> byKind = new(StringComparer.Ordinal);

    /// <summary>How many kinds of failure were seen.</summary>
    public int KindCount => byKind.Count;

    /// <summary>Records that an input failed the way <paramref name="sighting"/> says.</summary>
    public void Add(FailureSighting sighting, int input, IReadOnlyList<(string Path, string Text)> files)
    {
        var length = files.Sum(f => f.Text.Length);
        if (!byKind.TryGetValue(sighting.Kind, out var failure))
        {
            failure = new Failure(input) { Shortest = input, Detail = sighting.Detail, Files = files.ToArray(), ShortestLength = length };
            byKind[sighting.Kind] = failure;
        }
        else if (length < failure.ShortestLength)
        {
            (failure.Shortest, failure.Detail, failure.Files, failure.ShortestLength) = (input, sighting.Detail, files.ToArray(), length);
        }

        failure.Inputs.Add(input);
        failure.Variants[sighting.Variant] = failure.Variants.GetValueOrDefault(sighting.Variant) + 1;
    }

    /// <summary>
    /// Cuts each kind's shortest input down: drops whole files, then single lines (any line terminator ends one), for
    /// as long as <paramref name="check"/> still sees that kind of failure in it, and no longer than the time given.
    /// </summary>
    public void Shrink(Func<(string Path, string Text)[], IEnumerable<FailureSighting>> check, TimeSpan perKind, TimeSpan total)
    {
        var clock = Stopwatch.StartNew();
        foreach (var (kind, failure) in byKind.OrderBy(k => k.Value.First))
        {
            var deadline = TimeSpan.FromTicks(Math.Min((clock.Elapsed + perKind).Ticks, total.Ticks));
            var (files, detail) = (failure.Files.ToList(), failure.Detail);
            bool StillFails(IEnumerable<(string Path, string Text)> candidate)
            {
                if (clock.Elapsed >= deadline || check(candidate.ToArray()).FirstOrDefault(s => s.Kind == kind) is not { Kind: not null } sighting)
                {
                    return false;
                }

                detail = sighting.Detail;
                return true;
            }

            for (var shrunk = true; shrunk && clock.Elapsed < deadline;)
            {
                shrunk = false;
                for (var f = files.Count - 1; f >= 0 && files.Count > 1; f--)
                {
                    if (StillFails(files.Where((_, i) => i != f)))
                    {
                        files.RemoveAt(f);
                        shrunk = true;
                    }
                }

                for (var f = 0; f < files.Count; f++)
                {
                    var lines = LineEnd.Split(files[f].Text).Where(line => line.Length > 0).ToList();
                    for (var l = lines.Count - 1; l >= 0; l--)
                    {
                        var withoutLine = string.Concat(lines.Where((_, i) => i != l));
                        if (StillFails(files.Select((file, i) => i == f ? (file.Path, withoutLine) : file)))
                        {
                            files[f] = (files[f].Path, withoutLine);
                            lines.RemoveAt(l);
                            shrunk = true;
                        }
                    }
                }
            }

            (failure.Minimal, failure.MinimalDetail) = (files.ToArray(), detail);
        }
    }

    private static readonly Regex LineEnd = new("(?<=\r\n|\n|\r(?!\n)|\u0085|\u2028|\u2029)", RegexOptions.Compiled);

    /// <summary>
    /// One line per kind (the kind, how many inputs, the first, the variants), then each kind's example in full: the
    /// shortest input, shrunk if <see cref="Shrink"/> ran.
    /// </summary>
    public string Report(int seed)
    {
        var kinds = byKind.OrderBy(k => k.Value.First).ToArray();
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"{Kinds(kinds.Length)} of failure (seed {seed}); inputs are shown with every character that does not print escaped (\\r, \\t, \\0, \\uXXXX, and a backslash as \\\\):\n");
        for (var i = 0; i < kinds.Length; i++)
        {
            var (kind, failure) = kinds[i];
            report.Append(CultureInfo.InvariantCulture, $"  failure {i + 1}: {Escape(kind)} ({failure.Inputs.Count} inputs, first input {failure.First}{Variants(failure)})\n");
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            var (kind, failure) = kinds[i];
            var shrunk = failure.Minimal is not null && failure.Minimal.Sum(f => f.Text.Length) < failure.ShortestLength;
            var how = shrunk ? $"input {failure.Shortest} (seed {seed}), shrunk by deleting lines" : $"input {failure.Shortest} (seed {seed})";
            report.Append(CultureInfo.InvariantCulture, $"\n==== failure {i + 1}: {Escape(kind)}\nexample: {how}: {Escape(shrunk ? failure.MinimalDetail! : failure.Detail)}\n");
            foreach (var (path, text) in shrunk ? failure.Minimal! : failure.Files)
            {
                report.Append(CultureInfo.InvariantCulture, $"#---- {path}\n{Escape(text)}\n");
            }
        }

        return report.ToString();
    }

    /// <summary>"1 kind", "2 kinds".</summary>
    public static string Kinds(int count) => count == 1 ? "1 kind" : $"{count} kinds";

    private static string Variants(Failure failure) =>
        failure.Variants.Count == 1 && failure.Variants.ContainsKey(string.Empty)
            ? string.Empty
            : "; " + string.Join(", ", failure.Variants.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} ×{v.Value}"));

    /// <summary>
    /// The text with every character that does not print, or prints as nothing, escaped C#-style: control characters
    /// (but '\n', which stays a line break), formatting characters, line and paragraph separators, spaces other than
    /// U+0020, combining marks, lone surrogates, private-use and unassigned code points (U+FFFE, U+FFFF). A backslash
    /// is doubled, so the escapes read back to the exact text.
    /// </summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var printable = Prints(CharUnicodeInfo.GetUnicodeCategory(text, i));
                builder.Append(printable ? text.Substring(i, 2) : $"\\U{char.ConvertToUtf32(c, text[i + 1]):X8}");
                i++;
                continue;
            }

            builder.Append(c switch
            {
                '\n' => "\n",
                '\\' => "\\\\",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                ' ' => " ",
                _ when Prints(CharUnicodeInfo.GetUnicodeCategory(c)) => c.ToString(),
                _ => $"\\u{(int)c:X4}",
            });
        }

        return builder.ToString();
    }

    /// <summary>A kind from a message: its first line with the quoted names taken out, so one kind of failure is one kind.</summary>
    public static string Generalize(string message) => Regex.Replace(message.Split('\n')[0].Trim(), @"'[^']*'", "'…'");

    private static bool Prints(UnicodeCategory category) => category is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.SpaceSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark);

    private sealed class Failure(int first)
    {
        public int First { get; } = first;

        public HashSet<int> Inputs { get; } = [];

        public Dictionary<string, int> Variants { get; } = new(StringComparer.Ordinal);

        public required int Shortest { get; set; }

        public required string Detail { get; set; }

        public required (string Path, string Text)[] Files { get; set; }

        public required int ShortestLength { get; set; }

        public (string Path, string Text)[]? Minimal { get; set; }

        public string? MinimalDetail { get; set; }
    }
}

/// <summary>
/// One failure seen in one input: its kind (what the report groups by), its variant within the kind (a diagnostic ID,
/// say; empty for none) and the detail for this input.
/// </summary>
internal readonly record struct FailureSighting(string Kind, string Variant, string Detail);
