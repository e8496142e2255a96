using Xunit;

// libtorch's default random generator is one per process: tests that seed it and expect the same draws must not
// share it with tests running beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
