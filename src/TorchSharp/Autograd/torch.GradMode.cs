using System;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>Disables gradient recording on the calling thread until the returned object is disposed.</summary>
        public static IDisposable no_grad() => new AutoGradMode(false);

        /// <summary>Enables (or disables) gradient recording on the calling thread until the returned object is disposed.</summary>
        public static IDisposable enable_grad(bool enabled = true) => new AutoGradMode(enabled);

        /// <summary>Whether gradient recording is enabled on the calling thread.</summary>
        public static bool is_grad_enabled() => AutoGradMode.IsEnabled;
    }
}
