using System;
using System.Threading;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) during a run: the first press asks the run to stop after the step it is in, instead of killing the
/// process; the run then saves what it has and exits with 130. A second press ends the process at once.
/// </summary>
internal sealed class Interruption : IDisposable
{
    public const int ExitCode = 130;

    private int requests;

    public Interruption() => Console.CancelKeyPress += OnCancelKeyPress;

    public bool Requested => Volatile.Read(ref requests) > 0;

    /// <summary>Throws <see cref="OperationCanceledException"/> once Ctrl-C has been pressed: call it between steps.</summary>
    public void ThrowIfRequested()
    {
        if (Requested)
        {
            throw new OperationCanceledException("interrupted");
        }
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => e.Cancel = Interlocked.Increment(ref requests) == 1;

    public void Dispose() => Console.CancelKeyPress -= OnCancelKeyPress;
}
