import { readFileSync } from 'node:fs';

/** The captured Twitch lines of `fixtures/twitch-lines.txt` (a copy of the team's reference file), comments dropped. */
export const FIXTURE_LINES: readonly string[] = readFileSync(new URL('../fixtures/twitch-lines.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('# '));

// Characters that matter to IRC and to the tag grammar, plus UTF-16 edge cases.
const SPECIAL = [' ', ':', ';', '=', '@', '!', '#', ',', '/', '-', '\\', '\\s', '\\:', '\\r', '\\n', '\r', '\n', '\r\n', '\0', '\u0001', '\t', '\uD83D', '\uDE00', '\u{1F600}', '\u{E0000}', '\uFFFD', 'é', '\u200B', '999999999999', '-1', ''];

/**
 * A seeded mutator of real lines: 1–4 edits chosen among flipping, inserting, deleting, duplicating, truncating and
 * splicing, with a bias towards IRC's separators.
 */
export function createMutator(random: () => number): () => string {
  const int = (limit: number): number => Math.floor(random() * limit);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return () => {
    let line = pick(FIXTURE_LINES);
    const edits = 1 + int(4);
    for (let edit = 0; edit < edits; edit++) {
      const at = int(line.length + 1);
      switch (int(8)) {
        case 0:
          line = line.slice(0, at) + String.fromCharCode(int(0x80)) + line.slice(at + 1);
          break;
        case 1:
          line = line.slice(0, at) + pick(SPECIAL) + line.slice(at);
          break;
        case 2:
          line = line.slice(0, at) + line.slice(at + 1 + int(20));
          break;
        case 3: {
          const length = int(40);
          line = line.slice(0, at) + line.slice(at, at + length) + line.slice(at);
          break;
        }
        case 4:
          line = line.slice(0, at);
          break;
        case 5: {
          const other = pick(FIXTURE_LINES);
          line = line.slice(0, at) + other.slice(int(other.length));
          break;
        }
        case 6:
          line = line.slice(0, at) + String.fromCharCode(int(0x10000)) + line.slice(at);
          break;
        default:
          line = line.slice(0, at) + pick(SPECIAL).repeat(1 + int(50)) + line.slice(at);
      }
    }
    return line;
  };
}

/** Reads every property of a decoded message (own and prototype getters), so lazily decoded fields are exercised. */
export function touchAll(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object' || depth > 3) return 0;
  let touched = 0;
  const seen = new Set<string>();
  for (let target: object | null = value; target !== null && target !== Object.prototype; target = Object.getPrototypeOf(target) as object | null) {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (key === 'constructor' || seen.has(key)) continue;
      seen.add(key);
      const property = (value as Record<string, unknown>)[key];
      touched++;
      if (typeof property === 'object' && property !== null) {
        if (property instanceof Map || property instanceof Set) touched += [...property.values()].length;
        else if (Array.isArray(property)) for (const item of property) touched += touchAll(item, depth + 1);
        else touched += touchAll(property, depth + 1);
      }
    }
  }
  return touched;
}
