// Runs ONE library at ONE level in its own process (forked by run.js), so the JIT state and the garbage of one
// library never affect another. Reports through IPC: per-round timings, exceptions, failures and a checksum.
//
// Method: one checked pass over the corpus (exceptions and failure values counted, checksum taken), `warmup` untimed
// passes so every function reaches the optimising tier, then `rounds` timed passes, each after a forced GC.

import { readFileSync } from 'node:fs';
import { loadAdapter } from './libraries.js';
import { ChecksumSink } from './sink.js';

const [libraryId, level, corpusPath, roundsText, warmupText] = process.argv.slice(2);
const rounds = Number(roundsText);
const warmup = Number(warmupText);

if (typeof globalThis.gc !== 'function') throw new Error('run the worker with node --expose-gc');
const gc = globalThis.gc;

const adapter = await loadAdapter(libraryId);
/** @type {(line: string, sink: ChecksumSink) => boolean} */
const parse = adapter[level];
const lines = readFileSync(corpusPath, 'utf8').split('\n');

const sink = new ChecksumSink();

// 1. checked pass
let exceptions = 0;
let failures = 0;
/** @type {string[]} */
const examples = [];
for (let i = 0; i < lines.length; i++) {
  try {
    if (parse(lines[i], sink) === false) {
      failures++;
      if (examples.length < 3) examples.push(`failure value for line ${i}: ${lines[i].slice(0, 160)}`);
    }
  } catch (error) {
    exceptions++;
    if (examples.length < 3) examples.push(`${String(error).slice(0, 200)} (line ${i}: ${lines[i].slice(0, 160)})`);
  }
}
const checksum = sink.total;

/** One pass over the corpus; a throwing line costs its exception, as it would in a bot. */
function pass() {
  for (let i = 0; i < lines.length; i++) {
    try {
      parse(lines[i], sink);
    } catch {
      // counted in the checked pass
    }
  }
}

// 2. warm-up
for (let i = 0; i < warmup; i++) pass();

/**
 * CPU time used by the whole machine so far, in milliseconds (Linux `/proc/stat`, USER_HZ = 100; includes steal).
 * Elsewhere `undefined`, and interference is not measured.
 */
function machineBusyMilliseconds() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) * 10;
  } catch {
    return undefined;
  }
}

// 3. timed rounds
/** @type {number[]} */
const nanoseconds = [];
const busyBefore = machineBusyMilliseconds();
const ownBefore = process.cpuUsage();
const wallBefore = process.hrtime.bigint();
for (let round = 0; round < rounds; round++) {
  gc();
  const start = process.hrtime.bigint();
  pass();
  nanoseconds.push(Number(process.hrtime.bigint() - start));
}
const busyAfter = machineBusyMilliseconds();
const own = process.cpuUsage(ownBefore);
const wallMilliseconds = Number(process.hrtime.bigint() - wallBefore) / 1e6;
// Cores' worth of CPU used by everything else on the machine while this process was timed (other engineers' test
// runs, the hypervisor's steal). Anything much above 0 means the numbers of this process may be low.
const otherLoad =
  busyBefore === undefined || busyAfter === undefined
    ? null
    : Math.max(0, busyAfter - busyBefore - (own.user + own.system) / 1000) / wallMilliseconds;

process.send?.({
  library: libraryId,
  name: adapter.name,
  twitchLayer: adapter.twitchLayer,
  version: adapter.version,
  level,
  function: adapter.functions[level],
  lines: lines.length,
  exceptions,
  failures,
  examples,
  checksum,
  nanoseconds,
  otherLoad,
  sinkTotal: sink.total, // keeps every timed read observable
});
