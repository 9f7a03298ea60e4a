// Runs ONE library at ONE level in its own process (forked by run.js), so the JIT state and the garbage of one
// library never affect another. Talks to run.js over IPC.
//
// Method: one checked pass over the corpus (exceptions and failure values counted, checksum taken), `warmup` untimed
// passes so every function reaches the optimising tier, then timed passes, each after a forced GC:
// - schedule "sequential": `rounds` timed passes at once, then the result, then exit;
// - schedule "interleaved": a `ready` message, then one timed pass per `pass` request from run.js (which asks the
//   libraries' processes in turn, so only one process ever runs at a time), until `exit`.
// Each timed pass also measures how much CPU the rest of the machine used meanwhile (other people's test runs).

import { readFileSync } from 'node:fs';
import { loadAdapter } from './libraries.js';
import { ChecksumSink } from './sink.js';

const [libraryId, level, corpusPath, roundsText, warmupText, schedule = 'sequential'] = process.argv.slice(2);
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

/**
 * One timed pass. `otherLoad` is the cores' worth of CPU used by everything else on the machine meanwhile; anything
 * well above 0 means this pass may be slow for reasons outside the library.
 * @returns {{nanoseconds: number, otherLoad: number | null}}
 */
function timedPass() {
  gc();
  const busyBefore = machineBusyMilliseconds();
  const ownBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  pass();
  const nanoseconds = Number(process.hrtime.bigint() - start);
  const own = process.cpuUsage(ownBefore);
  const busyAfter = machineBusyMilliseconds();
  const otherLoad =
    busyBefore === undefined || busyAfter === undefined
      ? null
      : Math.max(0, busyAfter - busyBefore - (own.user + own.system) / 1000) / (nanoseconds / 1e6);
  return { nanoseconds, otherLoad };
}

const description = {
  library: libraryId,
  name: adapter.name,
  version: adapter.version,
  twitchLayer: adapter.twitchLayer,
  level,
  function: adapter.functions[level],
  lines: lines.length,
  exceptions,
  failures,
  examples,
  checksum,
};

if (schedule === 'interleaved') {
  process.on('message', (message) => {
    if (message.type === 'pass') {
      process.send({ type: 'pass', ...timedPass() });
    } else if (message.type === 'exit') {
      process.send({ type: 'done', sinkTotal: sink.total }, () => process.disconnect());
    }
  });
  gc(); // leave no garbage of the warm-up to collect while another library is timed
  process.send({ type: 'ready', ...description });
} else {
  const passes = [];
  for (let round = 0; round < rounds; round++) passes.push(timedPass());
  process.send?.({
    type: 'result',
    ...description,
    nanoseconds: passes.map((entry) => entry.nanoseconds),
    otherLoads: passes.map((entry) => entry.otherLoad),
    sinkTotal: sink.total, // keeps every timed read observable
  });
}
