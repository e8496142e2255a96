namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>
        /// Opens a dispose scope on the calling thread: tensors created until it is disposed are disposed with it,
        /// except those moved to the outer scope.
        /// </summary>
        public static DisposeScope NewDisposeScope() => DisposeScopeManager.NewDisposeScope();
    }
}
