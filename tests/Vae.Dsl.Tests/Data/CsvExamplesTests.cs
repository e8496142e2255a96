using System;
using Shouldly;
using Vae.Dsl.Data;
using Xunit;

namespace Vae.Dsl.Tests.Data;

/// <summary>Reading CSV files of examples: with and without a header, a label column, and each mistake's message.</summary>
public sealed class CsvExamplesTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void WithoutHeader_ReadsEveryLineAsAnExample()
    {
        var path = folder.Write("a.csv", "0,1,0.5\n1e-3, -2 ,3.25\n");

        var csv = CsvExamples.Read(path, new CsvLayout());

        csv.ColumnNames.ShouldBeNull();
        csv.Count.ShouldBe(2);
        csv.FeatureCount.ShouldBe(3);
        csv.Values.ShouldBe([0f, 1f, 0.5f, 1e-3f, -2f, 3.25f]);
        csv.Labels.ShouldBeNull();
        csv.Lines.ShouldBe([1, 2]);
    }

    [Fact]
    public void HeaderOfNames_IsToldFromLineOne()
    {
        var path = folder.Write("a.csv", "x1,x2\n0.25,0.75\n");

        var csv = CsvExamples.Read(path, new CsvLayout());

        csv.ColumnNames.ShouldBe(["x1", "x2"]);
        csv.Values.ShouldBe([0.25f, 0.75f]);
        csv.Lines.ShouldBe([2]);
        csv.Locate(0, 1).ShouldBe("line 2, column 2 ('x2')");
    }

    [Fact]
    public void HeaderOfNumbers_IsAHeaderWhenSaidSo()
    {
        var path = folder.Write("a.csv", "0,1\n5,6\n");

        CsvExamples.Read(path, new CsvLayout(Header: true)).Values.ShouldBe([5f, 6f]);
        CsvExamples.Read(path, new CsvLayout(Header: false)).Values.ShouldBe([0f, 1f, 5f, 6f]);
    }

    [Fact]
    public void LabelColumnByName_IsNotAFeature()
    {
        var path = folder.Write("a.csv", "a,label,b\n0.5,3,1\n0,1,0.25\n");

        var csv = CsvExamples.Read(path, new CsvLayout(LabelColumn: "label"));

        csv.LabelColumn.ShouldBe(1);
        csv.FeatureCount.ShouldBe(2);
        csv.Values.ShouldBe([0.5f, 1f, 0f, 0.25f]);
        csv.Labels.ShouldBe([3L, 1]);
        csv.Locate(1, 1).ShouldBe("line 3, column 3 ('b')");
        csv.LocateLabel(0).ShouldBe("line 2, column 2 ('label')");
    }

    [Fact]
    public void LabelColumnByNumber_CountsFromOne()
    {
        var path = folder.Write("a.csv", "2,0.5,0.5\n0,1,1\n");

        var csv = CsvExamples.Read(path, new CsvLayout(LabelColumn: "1"));

        csv.Labels.ShouldBe([2L, 0]);
        csv.Values.ShouldBe([0.5f, 0.5f, 1f, 1f]);
    }

    [Fact]
    public void BlankLinesAndQuotes_AreReadAsCsv()
    {
        var path = folder.Write("a.csv", "\"x\",\"y\"\n\n\"1\",2\r\n\n3,\"4\"\n");

        var csv = CsvExamples.Read(path, new CsvLayout());

        csv.Values.ShouldBe([1f, 2f, 3f, 4f]);
        csv.Lines.ShouldBe([3, 5]);
    }

    [Fact]
    public void NumPyNanAndInf_AreReadForTheChecksToReport()
    {
        var path = folder.Write("a.csv", "nan,inf,-inf,NaN,Infinity\n");

        var values = CsvExamples.Read(path, new CsvLayout()).Values;

        float.IsNaN(values[0]).ShouldBeTrue();
        values[1..].ShouldBe([float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.PositiveInfinity]);
    }

    [Fact]
    public void GzippedFile_IsReadThroughGzip()
    {
        var path = folder.Write("a.csv.gz", "1,2\n");

        CsvExamples.Read(path, new CsvLayout()).Values.ShouldBe([1f, 2f]);
    }

    [Fact]
    public void TextInData_NamesLineAndColumn()
    {
        var path = folder.Write("a.csv", "x,y\n1,2\n3,abc\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout())).Message.ShouldBe($"{path} line 3, column 2 ('y'): 'abc' is not a number");
    }

    [Fact]
    public void EmptyField_IsNotANumber()
    {
        var path = folder.Write("a.csv", "1,2\n3,\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout())).Message.ShouldBe($"{path} line 2, column 2: an empty field, not a number");
    }

    [Fact]
    public void LineOneOfNamesAndNumbers_AsksWhetherItIsAHeader()
    {
        var path = folder.Write("a.csv", "1,x\n1,2\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout())).Message
            .ShouldBe($"{path} line 1 mixes names and numbers ('x' is not a number): say whether it is a header (--csv-header true or false)");
    }

    [Fact]
    public void HeaderSaidAbsent_MakesItsNamesDataErrors()
    {
        var path = folder.Write("a.csv", "x,y\n1,2\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout(Header: false))).Message.ShouldBe($"{path} line 1, column 1: 'x' is not a number");
    }

    [Fact]
    public void LineOfAnotherLength_NamesBothLines()
    {
        var path = folder.Write("a.csv", "1,2,3\n4,5,6\n7,8\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout())).Message.ShouldBe($"{path} line 3: 2 fields, where line 1 has 3");
    }

    [Fact]
    public void LabelThatIsNotWhole_IsAnError()
    {
        var path = folder.Write("a.csv", "label,x\n1,0\n1.5,1\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout(LabelColumn: "label"))).Message
            .ShouldBe($"{path} line 3, column 1 ('label'): the label 1.5 is not a whole number");
    }

    [Fact]
    public void UnknownLabelColumnName_ListsTheHeader()
    {
        var path = folder.Write("a.csv", "a,b\n1,0\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout(LabelColumn: "class"))).Message
            .ShouldBe($"{path}: no column is named 'class' for the labels; the header names 'a', 'b'");
    }

    [Fact]
    public void LabelColumnNameWithoutHeader_AsksForItsNumber()
    {
        var path = folder.Write("a.csv", "1,0\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout(LabelColumn: "class"))).Message
            .ShouldBe($"{path}: there is no header to find the label column 'class' by name; give its number, counting from 1");
    }

    [Fact]
    public void LabelColumnNumberOutOfRange_SaysHowManyColumnsThereAre()
    {
        var path = folder.Write("a.csv", "1,0\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout(LabelColumn: "3"))).Message
            .ShouldBe($"{path}: there is no column 3 for the labels; its lines have 2 columns, numbered from 1");
    }

    [Fact]
    public void EmptyFile_IsAnError()
    {
        var path = folder.Write("a.csv", "");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout())).Message.ShouldBe($"{path}: the file is empty");
    }

    [Fact]
    public void NumberBeyondFloat32_IsAnError()
    {
        var path = folder.Write("a.csv", "1,1e39\n");

        Should.Throw<DatasetException>(() => CsvExamples.Read(path, new CsvLayout())).Message.ShouldBe($"{path} line 1, column 2: 1e39 does not fit in float32");
    }

    public void Dispose() => folder.Dispose();
}
