import { appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where scenario files drop their figures; the reporter merges them into `results/reliability.{md,json}`. */
export const PARTS_DIRECTORY = fileURLToPath(new URL('../results/.parts/', import.meta.url));

/** One figure's value: a count, a duration in ms, a ratio, or a short text. */
export type FigureValue = number | string | boolean;

/** One measurement recorded by a test. */
export interface FigureRecord {
  /** Scenario number, 1–11, as in issue #6. */
  readonly scenario: number;
  /** What was measured (one row group in the report). */
  readonly case: string;
  /** Name → value. Durations end in `Ms`. */
  readonly figures: Readonly<Record<string, FigureValue>>;
  /** What the figures mean, or which variant ran (CI or long). */
  readonly note?: string;
}

/**
 * Records figures for the report. Written at once (one JSON line per call), so a test that fails after measuring still
 * leaves its figures in the report next to its failure.
 *
 * @param record - the scenario, the case and its figures
 */
export function recordFigures(record: FigureRecord): void {
  mkdirSync(PARTS_DIRECTORY, { recursive: true });
  appendFileSync(`${PARTS_DIRECTORY}scenario-${record.scenario}.jsonl`, `${JSON.stringify(record)}\n`);
}

/** Whether the long variants run (`TIO_RELIABILITY_LONG=1`, outside CI). */
export const LONG = process.env['TIO_RELIABILITY_LONG'] === '1';

/** Rounds a duration or ratio for the report. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Median of a list of numbers (0 for an empty list). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
