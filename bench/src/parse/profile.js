// Where does a library spend its time? Runs one worker (one library, one level) under `node --cpu-prof` on the
// benchmark corpus and prints the functions with the most self time and the most inclusive time.
// Usage (from bench/): node src/parse/profile.js [--library tio] [--level typed] [--size 100000] [--seed 30480] [--top 20]
// The .cpuprofile is kept in results/profiles/ (git-ignored) for Chrome DevTools or speedscope.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus, DefaultCorpusOptions } from './corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    library: { type: 'string', default: 'tio' },
    level: { type: 'string', default: 'typed' },
    size: { type: 'string', default: String(DefaultCorpusOptions.size) },
    seed: { type: 'string', default: String(DefaultCorpusOptions.seed) },
    top: { type: 'string', default: '20' },
  },
});

const corpus = generateCorpus({ size: Number(values.size), seed: Number(values.seed) });
const corpusPath = join(tmpdir(), `tio-bench-corpus-${corpus.seed}-${corpus.size}.txt`);
writeFileSync(corpusPath, corpus.lines.join('\n'));

const directory = join(here, '..', '..', 'results', 'profiles', `${values.library.replace(/[^a-z0-9.-]/gi, '_')}-${values.level}`);
rmSync(directory, { recursive: true, force: true });
mkdirSync(directory, { recursive: true });
const child = spawnSync(
  process.execPath,
  ['--expose-gc', '--cpu-prof', `--cpu-prof-dir=${directory}`, join(here, 'worker.js'), values.library, values.level, corpusPath, '7', '3'],
  { stdio: 'inherit' },
);
if (child.status !== 0) process.exit(child.status ?? 1);
const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
if (file === undefined) throw new Error(`no profile written to ${directory}`);
const profile = JSON.parse(readFileSync(join(directory, file), 'utf8'));

/** @param {{functionName: string, url: string, lineNumber: number}} frame */
const label = (frame) => `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const childId of node.children ?? []) parents.set(childId, node.id);
const samples = new Map();
for (const id of profile.samples) samples.set(id, (samples.get(id) ?? 0) + 1);

const self = new Map();
const inclusive = new Map();
let total = 0;
for (const [id, count] of samples) {
  total += count;
  const selfLabel = label(nodes.get(id).callFrame);
  self.set(selfLabel, (self.get(selfLabel) ?? 0) + count);
  const seen = new Set();
  for (let current = id; current !== undefined; current = parents.get(current)) {
    const name = label(nodes.get(current).callFrame);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + count);
  }
}
const top = Number(values.top);
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((count / total) * 100).toFixed(1).padStart(6)} %  ${name}`);
  }
};
console.log(`${values.library} ${values.level}: ${total} samples over the whole worker (corpus read, checked pass, warm-up, timed passes)`);
print('self time', self);
print('inclusive time', inclusive);
console.log(`\nprofile: ${join(directory, file)}`);
