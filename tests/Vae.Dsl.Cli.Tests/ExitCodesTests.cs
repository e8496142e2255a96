using System;
using System.IO;
using System.Runtime.InteropServices;
using Shouldly;
using Vae.Dsl.Cli.Commands;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Data;
using Vae.Dsl.Training;
using Xunit;

namespace Vae.Dsl.Cli.Tests;

/// <summary>Every command ends an error the same way: the wrong input is a usage error (2), a run that failed is 1.</summary>
public class ExitCodesTests
{
    public static TheoryData<Exception, int> Errors() => new()
    {
        { new UsageException("no such folder"), ExitCodes.Usage },
        { new DatasetException("no such file"), ExitCodes.Usage },
        { new CheckpointException("damaged"), ExitCodes.Usage },
        { new DeviceException("no CUDA"), ExitCodes.Usage },
        { new NonFiniteLossException("NaN in the KL", 1, 3), ExitCodes.Failure },
        { new ExternalException("libtorch"), ExitCodes.Failure },
        { new IOException("disk full"), ExitCodes.Failure },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void AnError_EndsTheCommandWithItsCode(Exception error, int code) =>
        ExitCodes.Of(() => throw error).ShouldBe(code);

    [Fact]
    public void ACommandThatReturns_EndsWithWhatItReturned() =>
        ExitCodes.Of(() => 7).ShouldBe(7);

    [Fact]
    public void AnyOtherException_IsNotSwallowed() =>
        Should.Throw<InvalidOperationException>(() => ExitCodes.Of(() => throw new InvalidOperationException("a bug")));
}
