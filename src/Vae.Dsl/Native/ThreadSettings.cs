namespace Vae.Dsl.Native;

/// <summary>Threads for libtorch's intra-op pool (OpenMP) and for OpenBLAS.</summary>
public sealed record ThreadSettings(int AtenThreads, int BlasThreads);
