using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Xunit;

namespace Vae.Dsl.Tests.Data;

/// <summary>The data formats are one registry: every format is in it once, and its word and file names lead back to it.</summary>
public class DataFormatsTests
{
    [Fact]
    public void EveryFormat_IsRegisteredOnce()
    {
        DataFormats.All.Select(entry => entry.Format).OrderBy(f => f).ShouldBe(Enum.GetValues<DataFormat>().OrderBy(f => f), "add the format to DataFormats.All");
        DataFormats.Words.ShouldBeUnique();
        DataFormats.All.SelectMany(entry => entry.NameEndings).ShouldBeUnique();
    }

    [Theory]
    [InlineData(DataFormat.Idx)]
    [InlineData(DataFormat.Csv)]
    [InlineData(DataFormat.Npy)]
    public void AFormatsWordAndFileNames_NameIt(DataFormat format)
    {
        DataFormats.Parse(DataFormats.WordFor(format).ToUpperInvariant()).ShouldBe(format);
        foreach (var ending in DataFormats.Of(format).NameEndings)
        {
            DataFormats.FromName("/data/train" + ending).ShouldBe(format);
            DataFormats.FromName("/data/train" + ending + ".gz").ShouldBe(format);
        }
    }

    [Fact]
    public void AnUnknownWord_IsADatasetError_AndAnUnknownName_IsNoFormat()
    {
        Should.Throw<DatasetException>(() => DataFormats.Parse("parquet")).Message.ShouldContain("idx, csv, npy");
        DataFormats.FromName("/data/train.parquet").ShouldBeNull();
    }
}
