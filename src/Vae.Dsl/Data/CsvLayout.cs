namespace Vae.Dsl.Data;

/// <summary>How a CSV file of examples is laid out.</summary>
/// <param name="Header">
/// Whether line 1 names the columns. Null: line 1 says so itself: it is a header when none of its fields is a number, data when
/// every field is; a mix of names and numbers is an error that asks to say which.
/// </param>
/// <param name="LabelColumn">
/// The column holding each example's class, by its name in the header or by its number counting from 1; it is not a
/// feature. Null: every column is a feature.
/// </param>
public sealed record CsvLayout(bool? Header = null, string? LabelColumn = null);
