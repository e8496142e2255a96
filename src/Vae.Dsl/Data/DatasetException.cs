using System;

namespace Vae.Dsl.Data;

/// <summary>A data set that is missing, unreadable or not what it claims to be; the message says which and what to do.</summary>
public sealed class DatasetException(string message, Exception? inner = null) : Exception(message, inner);
