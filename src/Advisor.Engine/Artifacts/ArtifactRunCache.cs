using System;
using System.Collections.Generic;
using System.Threading;

namespace DeployAdvisor.Engine.Artifacts
{
    /// <summary>
    /// What the descriptors of one run share about their artifacts: which files a glob matches in a
    /// folder, and what a set of files says (<see cref="ScannedArtifacts"/>: facts and findings, never
    /// the files' text). Descriptors that name the same files (the same glob, the same manifest) have
    /// them read and scanned once. Thread-safe: a file set asked for by two threads at once is scanned
    /// by one while the other waits. Bounded: the least recently used entries are dropped past
    /// <see cref="Capacity"/>, so memory stays flat however many descriptors a run has; a dropped entry
    /// is only scanned again. Made for one run and then dropped: files may change between runs.
    /// </summary>
    /// <remarks>
    /// A new entry is held among the <see cref="Recent"/> ones only, and kept up to <see cref="Capacity"/>
    /// once a second descriptor asks for it. Most descriptors name files no other names, and holding each
    /// of their scans for the next thousand descriptors made the garbage collector promote every one of
    /// them (docs/performance.md); the file sets descriptors share are asked for again while still recent
    /// (neighbours in path order, checks in flight together), and from then on they are kept.
    /// </remarks>
    public sealed class ArtifactRunCache
    {
        public ArtifactRunCache(int capacity = 1024, int recent = 64)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
            if (recent < 1) throw new ArgumentOutOfRangeException(nameof(recent));
            Capacity = capacity;
            Recent = Math.Min(recent, capacity);
            _matches = new Lru<IReadOnlyList<string>>(Capacity, Recent);
            _scans = new Lru<ScannedArtifacts>(Capacity, Recent);
        }

        /// <summary>Entries kept once asked for twice.</summary>
        public int Capacity { get; }
        /// <summary>Entries asked for once, the most recent first.</summary>
        public int Recent { get; }

        private readonly Lru<IReadOnlyList<string>> _matches;
        private readonly Lru<ScannedArtifacts> _scans;

        /// <summary>How many file sets were scanned (not taken from the cache): for tests and measurements.</summary>
        public int Scans => _scans.Made;

        internal IReadOnlyList<string> Match(string folder, string entry, Func<IReadOnlyList<string>> make)
            => _matches.Get(folder + "\n" + entry, make);

        internal ScannedArtifacts Scan(IReadOnlyList<string> files, Func<ScannedArtifacts> make)
            => _scans.Get(string.Join("\n", files), make);

        /// <summary>
        /// A least-recently-used map in two parts, new entries and entries asked for again, whose values are
        /// made once per key, outside the lock.
        /// </summary>
        private sealed class Lru<T> where T : class
        {
            private readonly int _capacity, _recentCapacity;
            private readonly object _gate = new object();
            private readonly Dictionary<string, LinkedListNode<(string Key, Slot Value)>> _byKey = new Dictionary<string, LinkedListNode<(string, Slot)>>(StringComparer.Ordinal);
            private readonly LinkedList<(string Key, Slot Value)> _recent = new LinkedList<(string, Slot)>();
            private readonly LinkedList<(string Key, Slot Value)> _kept = new LinkedList<(string, Slot)>();

            /// <summary>A value made once by whichever thread asks first (not Lazy&lt;T&gt;: trimming warns on its constructor requirement).</summary>
            private sealed class Slot
            {
                public T? Value;
            }
            private int _made;

            public Lru(int capacity, int recent) { _capacity = capacity; _recentCapacity = recent; }

            public int Made => Volatile.Read(ref _made);

            private void Trim(LinkedList<(string Key, Slot Value)> list, int capacity)
            {
                while (list.Count > capacity)
                {
                    var last = list.Last!;
                    list.RemoveLast();
                    _byKey.Remove(last.Value.Key);
                }
            }

            public T Get(string key, Func<T> make)
            {
                Slot slot;
                lock (_gate)
                {
                    if (_byKey.TryGetValue(key, out var node))
                    {
                        // Asked for again: kept from now on, the most recently used first.
                        node.List!.Remove(node);
                        _kept.AddFirst(node);
                        Trim(_kept, _capacity);
                        slot = node.Value.Value;
                    }
                    else
                    {
                        slot = new Slot();
                        _byKey[key] = _recent.AddFirst((key, slot));
                        Trim(_recent, _recentCapacity);
                    }
                }
                // Made outside the map's lock: other keys go on while one set of files is read and scanned.
                lock (slot)
                {
                    if (slot.Value is null)
                    {
                        Interlocked.Increment(ref _made);
                        slot.Value = make();
                    }
                    return slot.Value;
                }
            }
        }
    }
}
