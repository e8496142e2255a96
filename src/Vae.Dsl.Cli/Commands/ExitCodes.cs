namespace Vae.Dsl.Cli.Commands;

/// <summary>What <c>vae</c> exits with.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run started and failed: a numerical fault, a libtorch error, a file that could not be written.</summary>
    public const int Failure = 1;

    /// <summary>The command line or its inputs are wrong (an unknown model, a bad option, unusable data or output folder): nothing ran.</summary>
    public const int Usage = 2;
}
