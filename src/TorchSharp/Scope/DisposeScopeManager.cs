using System;
using System.Collections.Generic;

namespace TorchSharp
{
    /// <summary>
    /// The calling thread's stack of dispose scopes. Every tensor created while a scope is open is registered with
    /// the innermost one.
    /// </summary>
    internal sealed class DisposeScopeManager
    {
        [ThreadStatic] private static DisposeScopeManager? threadSingleton;

        internal static DisposeScopeManager ThreadSingleton => threadSingleton ??= new DisposeScopeManager();

        internal Stack<DisposeScope> DisposeScopeStack { get; } = new();

        internal DisposeScope? RegisterOnCurrentDisposeScope(IDisposable disposable)
        {
            if (DisposeScopeStack.Count == 0) return null;
            var current = DisposeScopeStack.Peek();
            current.Include(disposable);
            return current;
        }

        internal static DisposeScope NewDisposeScope()
        {
            var manager = ThreadSingleton;
            var scope = new DisposeScope(manager);
            manager.DisposeScopeStack.Push(scope);
            return scope;
        }

        internal void RemoveDisposeScope(DisposeScope scope)
        {
            // Scopes normally close innermost first; one closed out of order is taken out wherever it is.
            if (DisposeScopeStack.Count > 0 && ReferenceEquals(DisposeScopeStack.Peek(), scope)) {
                DisposeScopeStack.Pop();
                return;
            }
            var kept = new List<DisposeScope>(DisposeScopeStack);
            kept.Remove(scope);
            DisposeScopeStack.Clear();
            for (var i = kept.Count - 1; i >= 0; i--) DisposeScopeStack.Push(kept[i]);
        }
    }
}
