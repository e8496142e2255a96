namespace TorchSharp.Modules
{
    /// <summary>
    /// A tensor that is a trainable part of a module. It takes over the given tensor's native handle (that tensor
    /// object becomes invalid) and belongs to no dispose scope: its module, or the caller, disposes it.
    /// </summary>
    public class Parameter : torch.Tensor
    {
        public Parameter(torch.Tensor data, bool requires_grad = true) : base(TakeHandle(data, requires_grad))
        {
            DetachFromDisposeScope();
        }

        private static System.IntPtr TakeHandle(torch.Tensor data, bool requiresGrad)
        {
            data.requires_grad = requiresGrad;
            return data.MoveHandle();
        }
    }
}
