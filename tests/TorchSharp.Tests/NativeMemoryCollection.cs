namespace TorchSharp.Tests
{
    /// <summary>Tests that measure the process's native heap run alone, so other tests' tensors don't blur the numbers.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class NativeMemoryCollection
    {
        public const string Name = "Native memory";
    }
}
