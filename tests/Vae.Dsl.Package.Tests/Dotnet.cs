using System.Diagnostics;
using System.Threading.Tasks;

namespace Vae.Dsl.Package.Tests;

/// <summary>The dotnet command, run as a user would run it.</summary>
internal static class Dotnet
{
    /// <summary>Runs dotnet with the arguments in the folder; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // what it builds must not inherit this test run's MSBuild settings
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
