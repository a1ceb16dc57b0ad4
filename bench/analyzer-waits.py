#!/usr/bin/env python3
"""Splits the time csc charges to DeployAdvisor's analyzer callbacks into CPU and waits.

Reads `perf script -F comm,pid,tid,time,event,trace,ip,sym,dso` output of a build recorded with
`-e cpu-clock/freq=F/ -e sched:sched_switch -g -a` under DOTNET_PerfMapEnabled=1, so that JIT-compiled
frames are named. A sample or a switch is ours when a DeployAdvisor frame is on its stack, outside the
analyzers' constructors (which the compiler does not time).
  CPU      cpu-clock samples inside our callbacks, times the sampling period;
  waits    from each switch-out inside our callbacks to the thread's next switch-in, split into
           preempted (the thread was runnable: waiting for a core) and blocked (it slept: a lock,
           a garbage collection, the runtime), with the longest single waits listed, and for the
           longest blocked waits the frames between the wait and our innermost frame (whose lock).
Written here because perf's own reports (perf sched timehist, off-CPU profiles) give waits per thread
or per stack, not per analyzer callback: this joins each switch-out inside our callbacks to the
thread's next switch-in.
usage: bench/analyzer-waits.py PERF_SCRIPT_OUTPUT FREQ_HZ   (bench/run.sh --only analyzer,waits runs it)
"""
import bisect, collections, re, sys

path, freq = sys.argv[1], float(sys.argv[2])
# Header lines start at column 0 (comm); stack lines are indented.
head_re = re.compile(r'^(.*?)\s+(\d+)/(\d+)\s+([\d.]+):\s+(?:\d+\s+)?([\w:/=-]+):\s*(.*)$')
switch_re = re.compile(r'prev_pid=(\d+) .*prev_state=(\S+) ==> .*next_pid=(\d+)')

def ours(frames):
    # JIT frames of the analyzers' assemblies ("[DeployAdvisor.Analyzers] …"): a Native AOT
    # deploy-advisor running beside the build names its frames "DeployAdvisor_Engine_…", not ours.
    if not any('[DeployAdvisor.Analyzers]' in f for f in frames): return None
    mine = [f for f in frames if 'DeployAdvisor' in f]
    outer = mine[-1]
    if '.ctor' in outer or '.cctor' in outer: return None
    return mine

def name(frame):
    m = re.search(r'(DeployAdvisor\.[\w.]+(?:\+[\w<>]+)?::[^(\[]+)', frame)
    return m.group(1) if m else frame[:80]

samples = collections.Counter(); total = collections.Counter()
switches = []           # (time, tid, prev_state, our frames, pid, whole stack) of each switch-out inside our callbacks
switch_in = collections.defaultdict(list)
cur = None
def flush(c):
    if c is None: return
    pid, tid, t, event, trace, frames = c
    if event.startswith('cpu-clock'):
        total[pid] += 1
        if ours(frames): samples[pid] += 1
    elif event == 'sched:sched_switch':
        m = switch_re.search(trace)
        if not m: return
        switch_in[int(m.group(3))].append(t)
        mine = ours(frames)
        if mine: switches.append((t, int(m.group(1)), m.group(2), mine, pid, frames))
for line in open(path, errors='replace'):
    if not line.strip():
        flush(cur); cur = None; continue
    if line[0] in ' \t':
        if cur is not None: cur[5].append(line.strip())
        continue
    flush(cur)
    m = head_re.match(line.rstrip('\n'))
    # [pid, tid, time, event, trace, frames]
    cur = [m.group(2), int(m.group(3)), float(m.group(4)), m.group(5), m.group(6), []] if m else None
flush(cur)

if not samples:
    sys.exit('no CPU samples inside DeployAdvisor callbacks: was the build recorded with DOTNET_PerfMapEnabled=1?')
pid = max(samples, key=lambda p: samples[p])     # the compiler process running our analyzers
for k in switch_in: switch_in[k].sort()
waits = collections.defaultdict(float); counts = collections.Counter(); longest = []
for t, tid, state, mine, p, frames in switches:
    if p != pid: continue
    ins = switch_in[tid]; i = bisect.bisect_right(ins, t)
    if i == len(ins): continue
    d = ins[i] - t
    kind = 'preempted' if state.startswith('R') else 'blocked'
    waits[kind] += d; counts[kind] += 1
    longest.append((d, kind, name(mine[0]), name(mine[-1]), frames))
cpu = samples[pid] / freq
print(f"csc process {pid}: {total[pid]} CPU samples at {freq:.0f} Hz, {samples[pid]} inside our callbacks")
print(f"  CPU inside our callbacks        {cpu:7.3f} s")
for kind in ('preempted', 'blocked'):
    print(f"  {kind:10} (off CPU)          {waits[kind]:7.3f} s in {counts[kind]} waits")
print(f"  sum                             {cpu + sum(waits.values()):7.3f} s")
print("  longest waits:")
ranked = sorted(longest, key=lambda w: w[0], reverse=True)
for d, kind, inner, outer, _ in ranked[:8]:
    print(f"    {d * 1000:7.1f} ms {kind:9} in {inner}  (callback {outer})")

def frame_text(frame):
    # "ip sym (dso)": the symbol, or the library for code perf cannot name (precompiled, native).
    m = re.match(r'[0-9a-f]+\s+(.*?)\s+\(([^()]*)\)\s*$', frame)
    if not m: return frame[:100]
    sym, dso = m.group(1), m.group(2).rsplit('/', 1)[-1]
    return (dso if sym == '[unknown]' else sym)[:100]

# What a blocked callback slept in: the frames above our innermost one, leaf first, without the
# kernel's (a lock's wait shows as libc's and the runtime's frames, and the code that took it below).
blocked = [w for w in ranked if w[1] == 'blocked'][:5]
if blocked:
    print("  longest blocked waits, frames from the wait down to our code:")
    for d, _, inner, _, frames in blocked:
        print(f"    {d * 1000:7.1f} ms in {inner}:")
        shown = []
        for f in frames:
            if 'DeployAdvisor' in f: break
            if '[kernel.kallsyms]' in f: continue                         # the futex wait itself
            text = frame_text(f)
            if not shown or shown[-1] != text: shown.append(text)   # one line per run of unnamed frames
        for text in shown[-30:]:
            print(f"               {text}")
