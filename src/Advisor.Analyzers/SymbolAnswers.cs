using System;
using System.Collections;
using Microsoft.CodeAnalysis;

namespace DeployAdvisor.Analyzers
{
    /// <summary>
    /// One compilation's cached answers about symbols (is it evidence, is its type Windows-only), keyed by
    /// the symbol object itself. Callers pass original definitions and assembly symbols, which are unique
    /// objects in one compilation, so identity is equality; any other key only misses the cache.
    /// The evidence analyzer asks for every call and member access of a project, so reads must be cheap.
    /// </summary>
    /// <remarks>
    /// Built on the non-generic <see cref="Hashtable"/> rather than a ConcurrentDictionary: it allows any
    /// number of readers beside one writer without locks (writes are serialised here), and its code is
    /// precompiled in the runtime, where a ConcurrentDictionary keyed by ISymbol ran as unoptimised shared
    /// generic code inside the compiler (docs/performance.md has the measurements).
    /// </remarks>
    internal sealed class SymbolAnswers
    {
        public static readonly object True = true;
        public static readonly object False = false;

        private readonly Hashtable _table;

        public SymbolAnswers() => _table = new Hashtable(Identity.Instance);

        /// <summary>The cached answer, or null.</summary>
        public object? Find(ISymbol symbol) => _table[symbol];

        /// <summary>Caches the answer unless another thread cached one first; returns the cached answer.</summary>
        public object Add(ISymbol symbol, object answer)
        {
            lock (_table)
            {
                if (_table[symbol] is object known) return known;
                _table[symbol] = answer;
                return answer;
            }
        }

        /// <summary>
        /// The cached yes/no answer, else computed and cached. Computed outside the lock, so a computation
        /// may ask for other symbols' answers; two threads may both compute it, and both get the first.
        /// </summary>
        public bool GetOrAdd(ISymbol symbol, Func<ISymbol, bool> compute)
        {
            if (Find(symbol) is object known) return (bool)known;
            return (bool)Add(symbol, compute(symbol) ? True : False);
        }

        /// <summary>The cached answer, else computed and cached; as the yes/no form, for answers that are objects (shared boxes).</summary>
        public object GetOrAdd(ISymbol symbol, Func<ISymbol, object> compute)
        {
            if (Find(symbol) is object known) return known;
            return Add(symbol, compute(symbol));
        }

        private sealed class Identity : IEqualityComparer
        {
            public static readonly Identity Instance = new Identity();
            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);
            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
