using System;
using System.IO;
using System.Runtime.InteropServices;
using Spectre.Console;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Data;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>What <c>vae</c> exits with, and the one place that turns the error a command ends with into a code.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run started and failed: a numerical fault, a libtorch error, a file that could not be written.</summary>
    public const int Failure = 1;

    /// <summary>The command line or its inputs are wrong (an unknown model, a bad option, unusable data or output folder): nothing ran.</summary>
    public const int Usage = 2;

    /// <summary>Runs <paramref name="command"/>; returns its exit code, or prints the error it ended with and returns that error's code.</summary>
    public static int Of(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is UsageException or DatasetException or CheckpointException or DeviceException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return Usage;
        }
        catch (NonFiniteLossException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]stopped:[/] {e.Message}");
            return Failure;
        }
        catch (ExternalException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]libtorch error:[/] {e.Message}");
            return Failure;
        }
        catch (IOException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error writing:[/] {e.Message}");
            return Failure;
        }
    }
}
