using System;
using System.Runtime.CompilerServices;
using System.Threading;
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
    /// Written here rather than taken from the base library: an open-addressing table keyed by object
    /// identity, whose reads take no lock and no interface call (the hash is the object's identity hash,
    /// equality is reference equality). Writes are serialised and publish a key only after its answer,
    /// and a grown table only once it is full, so a reader sees a complete entry or none. Answers are
    /// objects (shared boxes), so no value type is boxed per entry.
    /// <para>
    /// Both library choices were measured and cost more. A ConcurrentDictionary keyed by ISymbol runs
    /// as shared generic code that calls its comparer through a generic interface on every lookup, and
    /// one with a value-type value is JIT-compiled in every compiler process and runs unoptimised there
    /// for most of a build (docs/performance.md, sixth round). The non-generic Hashtable with an
    /// identity comparer, which replaced it, makes two interface calls and a version check per lookup:
    /// its lookups were 8% of the analyzers' time inside the compiler, and twice this table's time in a
    /// loop of the same lookups (eighth round).
    /// </para>
    /// </remarks>
    internal sealed class SymbolAnswers
    {
        public static readonly object True = true;
        public static readonly object False = false;

        /// <summary>Keys and answers in two arrays of a power-of-two length, at most half full.</summary>
        private sealed class Table
        {
            public readonly object?[] Keys;
            public readonly object?[] Answers;
            public int Count;
            public Table(int capacity) { Keys = new object?[capacity]; Answers = new object?[capacity]; }
        }

        private volatile Table _table = new Table(64);
        private readonly object _writeLock = new object();

        /// <summary>The cached answer, or null.</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public object? Find(ISymbol symbol)
        {
            var table = _table;
            var keys = table.Keys;
            int mask = keys.Length - 1;
            for (int i = RuntimeHelpers.GetHashCode(symbol) & mask; ; i = (i + 1) & mask)
            {
                // The key is written after its answer (Put): once the key is seen, so is the answer.
                var key = Volatile.Read(ref keys[i]);
                if (key is null) return null;
                if (ReferenceEquals(key, symbol)) return table.Answers[i];
            }
        }

        /// <summary>Caches the answer unless another thread cached one first; returns the cached answer.</summary>
        public object Add(ISymbol symbol, object answer)
        {
            lock (_writeLock)
            {
                if (Find(symbol) is object known) return known;
                var table = _table;
                if ((table.Count + 1) * 2 > table.Keys.Length)
                {
                    // Readers keep the old table until the new one is complete.
                    var grown = new Table(table.Keys.Length * 2);
                    for (int i = 0; i < table.Keys.Length; i++)
                        if (table.Keys[i] is object key) Put(grown, key, table.Answers[i]!);
                    _table = table = grown;
                }
                Put(table, symbol, answer);
                return answer;
            }
        }

        private static void Put(Table table, object key, object answer)
        {
            int mask = table.Keys.Length - 1;
            int i = RuntimeHelpers.GetHashCode(key) & mask;
            while (table.Keys[i] != null) i = (i + 1) & mask;
            table.Answers[i] = answer;
            Volatile.Write(ref table.Keys[i], key);
            table.Count++;
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
    }
}
