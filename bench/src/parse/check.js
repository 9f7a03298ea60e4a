// Equivalence check (not a test, not in CI): runs every adapter over the corpus through a RecordingSink and
// reports where a library reads different data from the others, so the benchmark compares like with like.
// Usage: node src/parse/check.js [--size 20000] [--seed 30480]

import { generateCorpus, DefaultCorpusOptions } from './corpus.js';
import { Libraries, loadAdapter, unavailableReason } from './libraries.js';
import { RecordingSink } from './sink.js';
import { unescapeTagValue } from './adapters/shared.js';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '20000' }, seed: { type: 'string', default: String(DefaultCorpusOptions.seed) } },
});
const corpus = generateCorpus({ size: Number(values.size), seed: Number(values.seed) });

const loaded = [];
for (const library of Libraries) loaded.push(await loadAdapter(library.id));

/** @param {any} adapter @param {'raw' | 'typed'} level @param {string} line */
function record(adapter, level, line, sink) {
  try {
    const ok = adapter[level](line, sink);
    const result = sink.take();
    if (ok === false) return { failure: true };
    if (typeof result.kind === 'string') result.kind = result.kind.toUpperCase();
    if (adapter.emotePositions === 'utf16-exclusive') {
      // convert to Twitch's unit, code points with an inclusive end, using the text the same adapter read
      const text = String(result.text ?? '');
      result.emotes = result.emotes
        .map((entry) => {
          const [, id, start, end] = /^(.*):(\d+)-(\d+)$/.exec(entry);
          const codePoints = (index) => [...text.slice(0, Number(index))].length;
          return `${id}:${codePoints(start)}-${codePoints(end) - 1}`;
        })
        .sort();
    }
    if (level === 'raw' && adapter.rawTagsEscaped) {
      // compare values as the user would see them after unescaping, which that raw parser leaves to the user
      for (const key of Object.keys(result.tags)) result.tags[key] = unescapeTagValue(result.tags[key]);
    }
    return result;
  } catch (error) {
    sink.reset();
    return { exception: String(error).slice(0, 160) };
  }
}

/** Shows only the keys that differ when both sides are objects (tags). */
function describe(expected, actual, line) {
  let want = JSON.parse(expected);
  let got = JSON.parse(actual);
  if (want && got && typeof want === 'object' && typeof got === 'object' && !Array.isArray(want)) {
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    const pick = (object) => Object.fromEntries([...keys].filter((key) => want[key] !== got[key]).map((key) => [key, object[key]]));
    [want, got] = [pick(want), pick(got)];
  }
  const show = (value) => JSON.stringify(value).slice(0, 200);
  return `expected ${show(want)}\n      got      ${show(got)}\n      line     ${JSON.stringify(line).slice(0, 200)}`;
}

const sink = new RecordingSink();
let problems = 0;
for (const level of /** @type {const} */ (['raw', 'typed'])) {
  const adapters = loaded.filter((adapter) => {
    const reason = unavailableReason(adapter, level);
    if (reason !== undefined) console.log(`skip ${adapter.name} ${level}: ${reason}`);
    return reason === undefined;
  });
  /** @type {Map<string, {count: number, example: string}>} */
  const differences = new Map();
  for (const line of corpus.lines) {
    const results = adapters.map((adapter) => record(adapter, level, line, sink));
    // the expected value of each field is what most libraries read (ties: the first in table order)
    const fields = new Set(results.flatMap((result) => Object.keys(result)));
    for (const field of fields) {
      const votes = new Map();
      for (const result of results) {
        const key = JSON.stringify(result[field] ?? null);
        votes.set(key, (votes.get(key) ?? 0) + 1);
      }
      let expected = '';
      let best = -1;
      for (const [key, count] of votes) if (count > best) [expected, best] = [key, count];
      results.forEach((result, index) => {
        const actual = JSON.stringify(result[field] ?? null);
        if (actual === expected) return;
        const name = `${adapters[index].name} ${field}`;
        const entry = differences.get(name) ?? { count: 0, example: describe(expected, actual, line) };
        entry.count++;
        differences.set(name, entry);
      });
    }
  }
  console.log(`\n## ${level}: ${corpus.lines.length} lines, ${adapters.map((adapter) => adapter.name).join(', ')}`);
  if (differences.size === 0) console.log('all libraries read identical data');
  for (const [name, { count, example }] of [...differences].sort()) {
    problems++;
    console.log(`- ${name}: ${count} lines differ\n      ${example}`);
  }
}
console.log(problems === 0 ? '\nno differences' : `\n${problems} kinds of difference (see above; expected ones are listed in bench/README.md)`);
