using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Shouldly;
using Xunit;

namespace Vae.Dsl.Package.Tests;

/// <summary>
/// The MSBuild task behind the Debian 12 fix (src/Vae.Dsl/buildTransitive), run by MSBuild as a user's build runs it,
/// on a copy of TorchSharp 0.107.0's libLibTorchSharp.so: where the system's libstdc++ lacks GLIBCXX_3.4.32 it changes
/// exactly the one flag byte of that version need, keeps the file's timestamp and is idempotent; where it has it, it
/// changes nothing; and where a missing version is needed by real functions it stops with VAEDSL001 and leaves the
/// file as it was.
/// </summary>
public sealed class RelaxGlibcxxRequirementTests : IDisposable
{
    private const string NeededVersion = "GLIBCXX_3.4.32";
    private readonly string folder = Directory.CreateTempSubdirectory("vae-relax-").FullName;

    [Fact]
    public async Task TheMissingVersion_IsMarkedWeak_InOneByte_OnlyWhereTheSystemLacksIt()
    {
        var library = CopyOfTorchSharpsLibrary();
        var original = File.ReadAllBytes(library);
        var written = File.GetLastWriteTimeUtc(library);

        var first = await RunTask(library, systemLibstdcxx: null);
        var afterFirst = File.ReadAllBytes(library);
        var second = await RunTask(library, systemLibstdcxx: null);

        first.ExitCode.ShouldBe(0, first.Output);
        second.ExitCode.ShouldBe(0, second.Output);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != afterFirst[i]).ToArray();
        if (SystemLibstdcxxDefines(NeededVersion))
        {
            changed.ShouldBeEmpty("this system's libstdc++ has the version: nothing to relax");
        }
        else
        {
            first.Output.ShouldContain($"marked {NeededVersion} weak");
            // vna_flags of the entry: 0 (none) becomes 2 (VER_FLG_WEAK), and nothing else moves
            changed.Length.ShouldBe(1);
            (original[changed[0]], afterFirst[changed[0]]).ShouldBe(((byte)0, (byte)2));
        }

        File.GetLastWriteTimeUtc(library).ShouldBe(written, "an incremental build sees the copy as up to date");
        File.ReadAllBytes(library).ShouldBe(afterFirst, "a second run changes nothing");
    }

    [Fact]
    public async Task AMissingVersionThatRealFunctionsNeed_StopsTheBuild_NamingThem()
    {
        var library = CopyOfTorchSharpsLibrary();
        var original = File.ReadAllBytes(library);

        // libgcc_s defines no GLIBCXX version at all: every function LibTorchSharp takes from libstdc++ would be missing
        var result = await RunTask(library, systemLibstdcxx: "/lib/x86_64-linux-gnu/libgcc_s.so.1");

        result.ExitCode.ShouldNotBe(0);
        result.Output.ShouldContain("error VAEDSL001");
        result.Output.ShouldContain("@GLIBCXX_3.4.30");
        result.Output.ShouldContain("Install a libstdc++ from GCC 13 or newer");
        File.ReadAllBytes(library).ShouldBe(original);
    }

    private string CopyOfTorchSharpsLibrary()
    {
        var cached = Path.Combine(Locations.GlobalPackages(), "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        File.Exists(cached).ShouldBeTrue($"{cached}: the repository's restore puts TorchSharp 0.107.0 there");
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(cached, copy);
        return copy;
    }

    /// <summary>Runs the task from Vae.Dsl.targets through `dotnet msbuild` on a project of one target.</summary>
    private async Task<(int ExitCode, string Output)> RunTask(string library, string? systemLibstdcxx)
    {
        var targets = Path.Combine(Locations.RepositoryRoot(), "src", "Vae.Dsl", "buildTransitive", "Vae.Dsl.targets");
        var project = Path.Combine(folder, "relax.proj");
        var system = systemLibstdcxx is null ? string.Empty : $" SystemLibstdcxx=\"{systemLibstdcxx}\"";
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{targets}" />
              <Target Name="Relax">
                <RelaxGlibcxxRequirement Library="{library}"{system} />
              </Target>
            </Project>
            """);
        return await Dotnet.Run(folder, "msbuild", project, "-t:Relax", "-v:n", "-nologo");
    }

    /// <summary>Whether the libstdc++ this process has loaded names the version among its definitions.</summary>
    private static bool SystemLibstdcxxDefines(string version)
    {
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? line[slash..] : "")
            .First(p => Path.GetFileName(p).StartsWith("libstdc++.so.6", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.ASCII.GetBytes(version + "\0");
        return bytes.AsSpan().IndexOf(name) >= 0;
    }



    public void Dispose() => Directory.Delete(folder, recursive: true);
}
