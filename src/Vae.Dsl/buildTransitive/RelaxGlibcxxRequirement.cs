// An MSBuild task, compiled by RoslynCodeTaskFactory from Vae.Dsl.targets beside it (not part of Vae.Dsl.dll).
//
// TorchSharp 0.107.0's libLibTorchSharp.so was linked by GCC 13 and asks libstdc++ for version GLIBCXX_3.4.32, for
// one symbol only: std::ios_base_library_init(). GCC 13's <iostream> emits no call to it, only a reference
// (".globl _ZSt21ios_base_library_initv") that makes the linker keep libstdc++'s own set-up of std::cout and its
// kin. An older libstdc++ (Debian 12's stops at GLIBCXX_3.4.30) has no such version, and the loader refuses the
// whole library: "version `GLIBCXX_3.4.32' not found".
//
// The loader tolerates a missing version when its requirement is marked weak (VER_FLG_WEAK in the vna_flags of its
// .gnu.version_r entry). That is safe here because nothing binds to the symbol (no relocation names it), and the
// streams it would set up are set up anyway: libLibTorchSharp uses none of them, and libtorch_cpu.so and libc10.so,
// which it needs and which the loader initialises first, construct std::ios_base::Init in their own initialisers.
//
// This task marks such a requirement weak in a copy of the library (the build output's, never NuGet's cache), and
// only where the system's libstdc++ lacks the version. Where a missing version is needed by any other symbol, it
// fails with an error that names the symbols and the ways out, since weakening would then leave them unresolved.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class RelaxGlibcxxRequirement : Task
{
    // ELF section types and flags (elf.h).
    private const uint SectionVersionDefinitions = 0x6ffffffd; // SHT_GNU_verdef
    private const uint SectionVersionNeeds = 0x6ffffffe;       // SHT_GNU_verneed
    private const uint SectionVersionSymbols = 0x6fffffff;     // SHT_GNU_versym
    private const uint SectionDynamicSymbols = 11;             // SHT_DYNSYM
    private const ushort WeakVersion = 0x2;                    // VER_FLG_WEAK

    // The symbols a missing GLIBCXX version may be needed for: references that nothing binds to.
    private static readonly string[] UnboundReferences = { "_ZSt21ios_base_library_initv" };

    /// <summary>The copy of libLibTorchSharp.so to fix, in a build or publish output.</summary>
    [Required]
    public string Library { get; set; } = "";

    /// <summary>The libstdc++.so.6 the program will load; by default the one this build process has loaded.</summary>
    public string SystemLibstdcxx { get; set; } = "";

    public override bool Execute()
    {
        var system = string.IsNullOrEmpty(SystemLibstdcxx) ? LoadedLibstdcxx() : SystemLibstdcxx;
        if (system is null || !File.Exists(system))
        {
            Log.LogMessage(MessageImportance.Low, "Vae.Dsl: no libstdc++.so.6 found to compare with; {0} left as it is", Library);
            return true;
        }

        var provided = new HashSet<string>(Elf.Read(system).VersionDefinitions(), StringComparer.Ordinal);
        var library = Elf.Read(Library);
        var missing = library.LibstdcxxNeeds().Where(need => need.Name.StartsWith("GLIBCXX_", StringComparison.Ordinal) && !provided.Contains(need.Name)).ToList();
        if (missing.Count == 0 || missing.All(need => need.IsWeak))
        {
            Log.LogMessage(MessageImportance.Low, "Vae.Dsl: {0} needs nothing that {1} lacks", Library, system);
            return true;
        }

        var bound = missing.SelectMany(need => library.SymbolsOfVersion(need.Index).Select(symbol => (need.Name, Symbol: symbol)))
            .Where(pair => !UnboundReferences.Contains(pair.Symbol))
            .ToList();
        if (bound.Count > 0)
        {
            Log.LogError(null, "VAEDSL001", null, Library, 0, 0, 0, 0,
                "{0} needs {1} from libstdc++, which {2} does not provide, and that cannot be relaxed. Install a libstdc++ from GCC 13 or newer (Ubuntu 24.04, Debian 13), or use a TorchSharp built for this system.",
                Path.GetFileName(Library), string.Join(", ", bound.Select(pair => $"{pair.Symbol}@{pair.Name}")), system);
            return false;
        }

        var bytes = library.Bytes;
        foreach (var need in missing)
        {
            var flags = BitConverter.ToUInt16(bytes, need.FlagsOffset);
            BitConverter.GetBytes((ushort)(flags | WeakVersion)).CopyTo(bytes, need.FlagsOffset);
        }

        ReplaceKeepingTimestamp(Library, bytes);
        Log.LogMessage(MessageImportance.Normal,
            "Vae.Dsl: marked {0} weak in {1}: {2} lacks it, and only std::ios_base_library_init(), which nothing calls, needs it",
            string.Join(", ", missing.Select(need => need.Name)), Library, system);
        return true;
    }

    /// <summary>
    /// Writes a new file and renames it over the old one, so that a hard link into NuGet's cache is never written
    /// through; the old timestamp is kept, so an incremental build sees the copy as up to date and leaves it fixed.
    /// </summary>
    private static void ReplaceKeepingTimestamp(string path, byte[] bytes)
    {
        var written = File.GetLastWriteTimeUtc(path);
        var temporary = path + ".vae-dsl.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.SetLastWriteTimeUtc(temporary, written);
        File.Delete(path);
        File.Move(temporary, path);
    }

    /// <summary>The libstdc++.so.6 mapped into this process (the .NET host links it), as /proc/self/maps names it.</summary>
    private static string? LoadedLibstdcxx()
    {
        if (!File.Exists("/proc/self/maps"))
        {
            return null;
        }

        return File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/') < 0 ? "" : line.Substring(line.IndexOf('/')))
            .FirstOrDefault(path => Path.GetFileName(path).StartsWith("libstdc++.so.6", StringComparison.Ordinal));
    }

    /// <summary>A version that a library needs from libstdc++: its name, index, weak flag and where the flag is.</summary>
    private sealed class VersionNeed
    {
        public VersionNeed(string name, ushort index, bool isWeak, int flagsOffset)
        {
            Name = name;
            Index = index;
            IsWeak = isWeak;
            FlagsOffset = flagsOffset;
        }

        public string Name { get; }

        public ushort Index { get; }

        public bool IsWeak { get; }

        public int FlagsOffset { get; }
    }

    /// <summary>The few parts of a 64-bit little-endian ELF shared library that the symbol versions are in.</summary>
    private sealed class Elf
    {
        private readonly List<(uint Type, long Offset, long Size, uint Link, long EntrySize)> sections;

        private Elf(byte[] bytes)
        {
            Bytes = bytes;
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2 || bytes[5] != 1)
            {
                throw new InvalidDataException("not a 64-bit little-endian ELF file");
            }

            var tableOffset = (long)BitConverter.ToUInt64(bytes, 0x28);
            var entrySize = BitConverter.ToUInt16(bytes, 0x3a);
            var count = BitConverter.ToUInt16(bytes, 0x3c);
            sections = Enumerable.Range(0, count).Select(i =>
            {
                var at = (int)(tableOffset + i * entrySize);
                return (BitConverter.ToUInt32(bytes, at + 4), (long)BitConverter.ToUInt64(bytes, at + 0x18),
                    (long)BitConverter.ToUInt64(bytes, at + 0x20), BitConverter.ToUInt32(bytes, at + 0x28), (long)BitConverter.ToUInt64(bytes, at + 0x38));
            }).ToList();
        }

        public byte[] Bytes { get; }

        public static Elf Read(string path) => new(File.ReadAllBytes(path));

        /// <summary>The version names a library defines (.gnu.version_d), such as GLIBCXX_3.4.30.</summary>
        public IEnumerable<string> VersionDefinitions()
        {
            foreach (var section in sections.Where(s => s.Type == SectionVersionDefinitions))
            {
                var strings = sections[(int)section.Link].Offset;
                var at = (int)section.Offset;
                while (true)
                {
                    // Elf64_Verdef: vd_version, vd_flags, vd_ndx, vd_cnt (u16 each), vd_hash, vd_aux, vd_next (u32 each)
                    var auxiliary = BitConverter.ToUInt32(Bytes, at + 12);
                    var next = BitConverter.ToUInt32(Bytes, at + 16);
                    // Elf64_Verdaux: vda_name, vda_next; the first names the version itself
                    yield return String(strings + BitConverter.ToUInt32(Bytes, at + (int)auxiliary));
                    if (next == 0)
                    {
                        break;
                    }

                    at += (int)next;
                }
            }
        }

        /// <summary>The versions this library needs from libstdc++.so.6 (.gnu.version_r).</summary>
        public IEnumerable<VersionNeed> LibstdcxxNeeds()
        {
            foreach (var section in sections.Where(s => s.Type == SectionVersionNeeds))
            {
                var strings = sections[(int)section.Link].Offset;
                var at = (int)section.Offset;
                while (true)
                {
                    // Elf64_Verneed: vn_version, vn_cnt (u16), vn_file, vn_aux, vn_next (u32)
                    var count = BitConverter.ToUInt16(Bytes, at + 2);
                    var file = String(strings + BitConverter.ToUInt32(Bytes, at + 4));
                    var auxiliary = at + (int)BitConverter.ToUInt32(Bytes, at + 8);
                    var next = BitConverter.ToUInt32(Bytes, at + 12);
                    for (var i = 0; i < count && file == "libstdc++.so.6"; i++)
                    {
                        // Elf64_Vernaux: vna_hash (u32), vna_flags, vna_other (u16), vna_name, vna_next (u32)
                        var flags = BitConverter.ToUInt16(Bytes, auxiliary + 4);
                        var index = BitConverter.ToUInt16(Bytes, auxiliary + 6);
                        var name = String(strings + BitConverter.ToUInt32(Bytes, auxiliary + 8));
                        yield return new VersionNeed(name, index, (flags & WeakVersion) != 0, auxiliary + 4);
                        auxiliary += (int)BitConverter.ToUInt32(Bytes, auxiliary + 12);
                    }

                    if (next == 0)
                    {
                        break;
                    }

                    at += (int)next;
                }
            }
        }

        /// <summary>The names of the dynamic symbols bound to version index <paramref name="index"/> (.gnu.version).</summary>
        public IEnumerable<string> SymbolsOfVersion(ushort index)
        {
            var versions = sections.FirstOrDefault(s => s.Type == SectionVersionSymbols);
            var symbols = sections.FirstOrDefault(s => s.Type == SectionDynamicSymbols);
            if (versions.Size == 0 || symbols.Size == 0)
            {
                yield break;
            }

            var strings = sections[(int)symbols.Link].Offset;
            var count = symbols.Size / symbols.EntrySize;
            for (var i = 0; i < count; i++)
            {
                // the high bit marks a hidden version; the index is the rest
                if ((BitConverter.ToUInt16(Bytes, (int)(versions.Offset + 2 * i)) & 0x7fff) == index)
                {
                    // Elf64_Sym: st_name (u32) first
                    yield return String(strings + BitConverter.ToUInt32(Bytes, (int)(symbols.Offset + i * symbols.EntrySize)));
                }
            }
        }

        private string String(long offset)
        {
            var end = Array.IndexOf(Bytes, (byte)0, (int)offset);
            return Encoding.ASCII.GetString(Bytes, (int)offset, end - (int)offset);
        }
    }
}
