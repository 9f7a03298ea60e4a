// `pnpm bench` (repo root) → this file. Builds tio's packages, generates the seeded corpus, runs every library at
// every level in its own child process, one after another, and writes results/parse.md and results/parse.json.
//
// Options: --size N (lines, default 100000)  --seed N  --rounds N (timed, default 7)  --warmup N (default 3)
//          --schedule interleaved (default) | sequential: see measureInterleaved and measureSequentially below
//          --trials N (sequential: processes per library and level, default 2; the best median is reported)
//          --retries N (sequential: extra processes for a result disturbed by other load on the machine, default 2)
//          --libraries a,b  --levels raw,typed  --no-build (skip building the @tio/* dependencies first)

import { fork, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus, CorpusMix, DefaultCorpusOptions } from './corpus.js';
import { Libraries, Levels, loadAdapter, unavailableReason } from './libraries.js';

const here = dirname(fileURLToPath(import.meta.url));
const benchRoot = join(here, '..', '..');
const repoRoot = join(benchRoot, '..');

/** Targets of issue #2 item 5: tio's throughput divided by the fastest peer's, per level. */
const Targets = /** @type {const} */ ({ raw: 2, typed: 3 });

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: String(DefaultCorpusOptions.size) },
    seed: { type: 'string', default: String(DefaultCorpusOptions.seed) },
    rounds: { type: 'string', default: '7' },
    trials: { type: 'string', default: '2' },
    retries: { type: 'string', default: '2' },
    schedule: { type: 'string', default: 'interleaved' },
    warmup: { type: 'string', default: '3' },
    libraries: { type: 'string', default: Libraries.map((library) => library.id).join(',') },
    levels: { type: 'string', default: Levels.join(',') },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    'node --expose-gc src/parse/run.js [--size 100000] [--seed 30480] [--rounds 7] [--warmup 3]\n' +
      `  [--libraries ${Libraries.map((library) => library.id).join(',')}] [--levels raw,typed] [--no-build]\n`,
  );
  process.exit(0);
}
const size = Number(values.size);
const seed = Number(values.seed);
const rounds = Number(values.rounds);
const warmup = Number(values.warmup);
const trials = Number(values.trials);
const retries = Number(values.retries);
const schedule = values.schedule;
if (schedule !== 'interleaved' && schedule !== 'sequential') throw new Error(`--schedule is interleaved or sequential, not ${schedule}`);
const libraryIds = values.libraries.split(',');
const levels = /** @type {('raw' | 'typed')[]} */ (values.levels.split(','));

const log = (/** @type {string} */ text) => process.stderr.write(text + '\n');

// 1. build what the bench imports, so tio is measured as it is in the working tree (dist is never stale)
if (!values['no-build']) {
  log('building the @tio/* packages @tio/bench depends on (pnpm --filter @tio/bench^... run build)…');
  // Through the pnpm that runs this script when there is one (npm_execpath), else through npx like CONTRIBUTING.md.
  const pnpm = process.env.npm_execpath?.includes('pnpm') ? [process.execPath, process.env.npm_execpath] : ['npx', '-y', 'pnpm@10'];
  const build = spawnSync(pnpm[0], [...pnpm.slice(1), '--filter', '@tio/bench^...', 'run', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    log(`warning: the build failed; tio is measured from its last built dist, if any\n${output}`);
  }
}

// 2. corpus, written once and read by every worker
const corpus = generateCorpus({ size, seed });
const corpusPath = join(tmpdir(), `tio-bench-corpus-${seed}-${size}.txt`);
writeFileSync(corpusPath, corpus.lines.join('\n'));
log(`corpus: ${size} lines, seed ${seed}, ${corpusPath}`);

// 3. one process per library per level; never two processes running at the same time
const format = (/** @type {number} */ value) => Math.round(value).toLocaleString('en-US');
/** Cores used by other processes above which a timed pass counts as disturbed. */
const DisturbedLoad = 0.15;
const startedAt = Date.now();
/** Sequential schedule: no retries after this share of four minutes per level, to keep a run near five minutes. */
const retryBudgetMilliseconds = (level) => ((levels.indexOf(level) + 1) / levels.length) * 4 * 60_000;

/** @param {string} libraryId @param {string} level @returns {import('node:child_process').ChildProcess} */
function forkWorker(libraryId, level) {
  return fork(join(here, 'worker.js'), [libraryId, level, corpusPath, String(rounds), String(warmup), schedule], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** @returns {Promise<any>} the next IPC message of `child`, rejecting if it exits first */
function nextMessage(child, label) {
  return new Promise((resolve, reject) => {
    const onExit = (code) => {
      child.off('message', onMessage);
      reject(new Error(`worker ${label} exited with ${code} before answering`));
    };
    const onMessage = (message) => {
      child.off('exit', onExit);
      resolve(message);
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

/** @param {number[]} sorted @param {number} q */
function quantile(sorted, q) {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** @param {number[]} nanoseconds @param {number} lines */
function rateStatistics(nanoseconds, lines) {
  const rates = nanoseconds.map((ns) => (lines * 1e9) / ns).sort((a, b) => a - b);
  return { median: quantile(rates, 0.5), min: rates[0], max: rates[rates.length - 1], q1: quantile(rates, 0.25), q3: quantile(rates, 0.75) };
}

/** @param {(number | null)[]} loads @returns {number | null} the mean */
function meanLoad(loads) {
  const known = loads.filter((load) => load !== null);
  return known.length === 0 ? null : known.reduce((sum, load) => sum + load, 0) / known.length;
}

/** @returns {number | undefined} machine-wide busy CPU milliseconds so far (Linux /proc/stat, USER_HZ = 100) */
function machineBusyMilliseconds() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) * 10;
  } catch {
    return undefined;
  }
}

/** Total time spent waiting for a quiet machine; capped so a run on a busy machine still ends. */
let waitedMilliseconds = 0;
const MaxWaitMilliseconds = 60_000;

/** Waits (up to the cap) until other processes use at most DisturbedLoad cores over half a second. */
async function waitForQuietMachine() {
  while (waitedMilliseconds < MaxWaitMilliseconds) {
    const before = machineBusyMilliseconds();
    if (before === undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    waitedMilliseconds += 500;
    const load = ((machineBusyMilliseconds() ?? before) - before) / 500; // this process is idle meanwhile
    if (load <= DisturbedLoad) return;
  }
}

/** @type {Map<string, any>} level + library → result */
const byKey = new Map();

/** Records one process's timed passes; the shown process is an undisturbed one with the best median. */
function record(description, nanoseconds, otherLoads, label) {
  const statistics = rateStatistics(nanoseconds, description.lines);
  const otherLoad = meanLoad(otherLoads);
  const load = otherLoad === null ? '' : `, others ${otherLoad.toFixed(2)} cores`;
  log(`${description.level.padEnd(5)} ${description.library.padEnd(16)} ${label}: ${format(statistics.median).padStart(9)} msgs/s, ${description.exceptions} exceptions${load}`);
  const key = `${description.level} ${description.library}`;
  const result = byKey.get(key) ?? { ...description, trials: [] };
  result.trials.push({ nanoseconds, otherLoads, otherLoad, msgsPerSecond: statistics });
  const disturbed = (value) => (value ?? 0) > DisturbedLoad;
  const better =
    result.msgsPerSecond === undefined ||
    (disturbed(result.otherLoad) && !disturbed(otherLoad)) ||
    (disturbed(result.otherLoad) === disturbed(otherLoad) && statistics.median > result.msgsPerSecond.median);
  if (better) Object.assign(result, { msgsPerSecond: statistics, nanoseconds, otherLoad });
  byKey.set(key, result);
}

/** Sequential schedule: one process at a time runs its warm-up and all its timed passes, then exits. */
async function measureSequentially(libraryId, level, label) {
  await waitForQuietMachine();
  const child = forkWorker(libraryId, level);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const message = await nextMessage(child, `${libraryId}/${level}`);
  await exited;
  record(message, message.nanoseconds, message.otherLoads, label);
}

/**
 * Interleaved schedule: every library's process is started and warmed up in turn, then the timed passes are taken
 * round by round, one process at a time (forward order, then backward), so a busy moment of the machine hits every
 * library alike instead of whichever ran then. Processes still never run at the same time.
 */
async function measureInterleaved(libraryIds, level) {
  const workers = [];
  for (const libraryId of libraryIds) {
    const child = forkWorker(libraryId, level);
    const ready = await nextMessage(child, `${libraryId}/${level}`);
    log(`${level.padEnd(5)} ${libraryId.padEnd(16)} checked and warmed up: ${ready.exceptions} exceptions`);
    workers.push({ child, description: ready, nanoseconds: [], otherLoads: [] });
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? workers : [...workers].reverse();
    for (const worker of order) {
      const answer = nextMessage(worker.child, worker.description.library);
      worker.child.send({ type: 'pass' });
      const pass = await answer;
      worker.nanoseconds.push(pass.nanoseconds);
      worker.otherLoads.push(pass.otherLoad);
    }
  }
  for (const worker of workers) {
    const exited = new Promise((resolve) => worker.child.once('exit', resolve));
    worker.child.send({ type: 'exit' });
    await exited;
    record(worker.description, worker.nanoseconds, worker.otherLoads, `${rounds} interleaved passes`);
  }
}

const skipped = [];
for (const level of levels) {
  const runnable = [];
  for (const libraryId of libraryIds) {
    const adapter = await loadAdapter(libraryId);
    const reason = unavailableReason(adapter, level);
    if (reason === undefined) runnable.push(libraryId);
    else {
      skipped.push({ library: libraryId, level, reason });
      log(`${level.padEnd(5)} ${libraryId}: skipped, ${reason}`);
    }
  }
  if (schedule === 'interleaved') {
    await waitForQuietMachine();
    await measureInterleaved(runnable, level);
    continue;
  }
  for (let trial = 0; trial < trials; trial++) {
    const order = trial % 2 === 0 ? runnable : [...runnable].reverse();
    for (const libraryId of order) await measureSequentially(libraryId, level, `trial ${trial + 1}/${trials}`);
  }
  // A result whose every process ran while something else used the CPU is measured again, while time allows.
  for (let retry = 0; retry < retries; retry++) {
    for (const libraryId of runnable) {
      const result = byKey.get(`${level} ${libraryId}`);
      if ((result.otherLoad ?? 0) <= DisturbedLoad || Date.now() - startedAt > retryBudgetMilliseconds(level)) continue;
      await measureSequentially(libraryId, level, `retry ${retry + 1}/${retries}, others used ${result.otherLoad.toFixed(2)} cores`);
    }
  }
}
const results = [...byKey.values()];

// 4. report
const fastestOf = (rows) => rows.reduce((best, row) => (best === undefined || row.msgsPerSecond.median > best.msgsPerSecond.median ? row : best), undefined);
const summary = levels.map((level) => {
  const rows = results.filter((result) => result.level === level);
  const tio = rows.find((result) => result.library === 'tio');
  const peers = rows.filter((result) => result.library !== 'tio');
  const fastest = fastestOf(peers);
  // At the typed level irc-message's numbers are the bench's own hand-written decoding (it has no Twitch layer),
  // so the fastest peer that decodes with its own Twitch layer is reported too, for context.
  const fastestLayered = fastestOf(peers.filter((row) => row.twitchLayer));
  const ratio = tio && fastest ? tio.msgsPerSecond.median / fastest.msgsPerSecond.median : null;
  // Interleaved schedule: pass r of tio and pass r of the peer ran next to each other, so the median of the per-pass
  // ratios is the ratio least affected by the machine's load changing during the run.
  let pairedRatio = null;
  if (schedule === 'interleaved' && tio && fastest && tio.nanoseconds.length === fastest.nanoseconds.length) {
    pairedRatio = quantile(tio.nanoseconds.map((ns, round) => fastest.nanoseconds[round] / ns).sort((a, b) => a - b), 0.5);
  }
  return {
    level,
    target: Targets[level],
    tio: tio?.msgsPerSecond.median ?? null,
    fastestPeer: fastest?.name ?? null,
    fastestPeerMedian: fastest?.msgsPerSecond.median ?? null,
    ratio,
    met: ratio === null ? null : ratio >= Targets[level],
    pairedRatio,
    fastestTwitchLayerPeer: fastestLayered?.name ?? null,
    ratioToFastestTwitchLayerPeer: tio && fastestLayered ? tio.msgsPerSecond.median / fastestLayered.msgsPerSecond.median : null,
  };
});

const mixText = CorpusMix.map(([kind]) => `${kind} ${((corpus.mix[kind] / size) * 100).toFixed(1)} %`).join(', ');
const levelTitles = { raw: 'Raw parse (line → parsed IRC message; command, params and every tag value read)', typed: 'Typed + read (line → typed Twitch message; the handler reads the fields listed in bench/README.md)' };
const md = [];
md.push('# Parser benchmark: tio vs peers', '');
md.push(`- date: ${new Date().toISOString()}`);
md.push(`- node ${process.version} (${process.platform} ${process.arch}), ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}`);
md.push(`- corpus: ${size.toLocaleString('en-US')} generated lines, seed ${seed} (bench/src/parse/corpus.js)`);
md.push(`- mix: ${mixText}`);
const methodText =
  schedule === 'interleaved'
    ? `one process per library per level, never two running at once: each process is started, checked and warmed up (${warmup} passes) in turn, then the ${rounds} timed passes over the whole corpus are taken round by round, one process at a time, in alternating order, so load from other processes on the machine hits every library alike`
    : `one process per library per level, run one after another, ${trials} trial(s) in alternating order (the trial with the best median is shown, preferring processes during which other processes used at most ${DisturbedLoad} cores; a disturbed result is measured again up to ${retries} times); per process ${warmup} warm-up passes, then ${rounds} timed passes over the whole corpus`;
md.push(`- method: ${methodText}; \`gc()\` before each timed pass; msgs/s = lines / pass time (\`process.hrtime.bigint()\`); min, max and IQR over the shown process's passes; waited ${Math.round(waitedMilliseconds / 1000)} s for a quiet machine (at most ${MaxWaitMilliseconds / 1000} s)`);
md.push(`- run time: ${Math.round((Date.now() - startedAt) / 1000)} s of measurement`);
if (skipped.length > 0) md.push(`- not measured: ${skipped.map((entry) => `${entry.library} ${entry.level} (${entry.reason})`).join('; ')}`);
md.push('');
md.push('## Targets (issue #2 item 5)', '');
md.push('| level | tio msgs/s | fastest peer | peer msgs/s | tio ÷ peer | paired ratio | target | met | for context: tio ÷ fastest peer using its own Twitch layer |');
md.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |');
for (const row of summary) {
  md.push(`| ${row.level} | ${row.tio === null ? '—' : format(row.tio)} | ${row.fastestPeer ?? '—'} | ${row.fastestPeerMedian === null ? '—' : format(row.fastestPeerMedian)} | ${row.ratio === null ? '—' : row.ratio.toFixed(2) + '×'} | ${row.pairedRatio === null ? '—' : row.pairedRatio.toFixed(2) + '×'} | ≥ ${row.target}× | ${row.met === null ? 'not measured' : row.met ? 'met' : 'not met'} | ${row.level === 'typed' && row.ratioToFastestTwitchLayerPeer !== null ? `${row.ratioToFastestTwitchLayerPeer.toFixed(2)}× (${row.fastestTwitchLayerPeer})` : '—'} |`);
}
for (const level of levels) {
  const rows = results.filter((result) => result.level === level);
  if (rows.length === 0) continue;
  const tio = rows.find((result) => result.library === 'tio');
  md.push('', `## ${levelTitles[level]}`, '');
  md.push('| library | version | msgs/s median | min | max | IQR | process medians | other load | ns/msg | tio ÷ this | exceptions | checksum | function |');
  md.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const row of [...rows].sort((a, b) => b.msgsPerSecond.median - a.msgsPerSecond.median)) {
    const rate = row.msgsPerSecond;
    const relative = tio ? `${(tio.msgsPerSecond.median / rate.median).toFixed(2)}×` : '—';
    const errors = row.exceptions + (row.failures > 0 ? ` (+${row.failures} failure values)` : '');
    md.push(`| ${row.name} | ${row.version} | ${format(rate.median)} | ${format(rate.min)} | ${format(rate.max)} | ${format(rate.q1)}–${format(rate.q3)} | ${row.trials.map((trial) => format(trial.msgsPerSecond.median)).join(' / ')} | ${row.otherLoad === null ? '—' : row.otherLoad.toFixed(2)} | ${(1e9 / rate.median).toFixed(0)} | ${relative} | ${errors} | ${row.checksum} | \`${row.function}\` |`);
  }
  for (const row of rows) for (const example of row.examples) md.push('', `- ${row.name}: ${example.replaceAll('|', '\\|')}`);
}
md.push('', '"tio ÷ peer" is the ratio of the medians and decides "met"; "paired ratio" (interleaved schedule) is the median over passes of tio\'s rate divided by the peer\'s rate in the same round, which is less sensitive to the machine\'s load changing during the run.');
md.push('', `"other load": mean cores used by other processes on the machine (from /proc/stat) during the shown process's timed passes; above ${DisturbedLoad} its numbers are likely low${schedule === 'interleaved' ? ', but in the interleaved schedule every library shares the same moments, so the ratios hold better than the absolute numbers' : ''}.`);
md.push('', 'Timings are information, never a pass/fail test. Equal checksums mean two libraries read the same data (see `node src/parse/check.js` for the differences).', '');
const markdown = md.join('\n');

mkdirSync(join(benchRoot, 'results'), { recursive: true });
writeFileSync(join(benchRoot, 'results', 'parse.md'), markdown);
writeFileSync(
  join(benchRoot, 'results', 'parse.json'),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, corpus: { size, seed, mix: corpus.mix }, schedule, rounds, warmup, trials, retries, disturbedLoad: DisturbedLoad, targets: Targets, summary, skipped, results }, null, 2) + '\n',
);
process.stdout.write(markdown);
