using System;
using System.IO;

namespace Vae.Dsl.Package.Tests;

/// <summary>Where the repository and NuGet's global package folder are.</summary>
internal static class Locations
{
    /// <summary>The repository these tests run from: the folder that holds Vae.Dsl.sln.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vae.Dsl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }

    /// <summary>NuGet's global package folder, where TorchSharp and libtorch already are after this repository's restore.</summary>
    public static string GlobalPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
