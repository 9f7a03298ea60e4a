import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';
import type { FigureRecord } from './report.js';
import { PARTS_DIRECTORY } from './report.js';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

const TITLES: Record<number, string> = {
  1: 'Reconnect storm',
  2: 'Flapping network',
  3: 'Stalled socket',
  4: 'Authentication',
  5: 'Channel failures',
  6: 'Bad wire input',
  7: 'Fuzz',
  8: 'Injection',
  9: 'Secrets',
  10: 'Resources',
  11: 'Stop anywhere',
};

interface TestOutcome {
  readonly scenario: number | undefined;
  readonly file: string;
  readonly name: string;
  readonly state: string;
  readonly durationMs: number;
  readonly expectedFailure: boolean;
}

function scenarioOf(file: string): number | undefined {
  const match = /(?:^|\/)(\d{2})-[^/]*\.test\.ts$/.exec(file);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Writes `results/reliability.md` and `results/reliability.json` after each run: every scenario's figures (recorded by
 * the tests with `recordFigures`) and every test's outcome, with the date and the machine.
 */
export default class ReliabilityReporter implements Reporter {
  #startedAt = Date.now();

  onInit(): void {
    this.#startedAt = Date.now();
    rmSync(PARTS_DIRECTORY, { recursive: true, force: true });
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const outcomes: TestOutcome[] = [];
    for (const module of testModules) {
      const file = relative(fileURLToPath(new URL('../', import.meta.url)), module.moduleId);
      for (const test of module.children.allTests()) {
        const result = test.result();
        outcomes.push({
          scenario: scenarioOf(file),
          file,
          name: test.fullName,
          state: result.state,
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
          expectedFailure: test.options.fails === true,
        });
      }
    }
    const records: FigureRecord[] = [];
    if (existsSync(PARTS_DIRECTORY)) {
      for (const name of readdirSync(PARTS_DIRECTORY).sort()) {
        for (const line of readFileSync(`${PARTS_DIRECTORY}${name}`, 'utf8').split('\n')) {
          if (line !== '') records.push(JSON.parse(line) as FigureRecord);
        }
      }
    }
    // A run of a subset of files (vitest run test/07) would overwrite the full report with a partial one.
    const complete = Object.keys(TITLES).every((key) => outcomes.some((outcome) => outcome.scenario === Number(key)));
    const totalMs = Date.now() - this.#startedAt;
    const machine = {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
    };
    const report = {
      date: new Date().toISOString(),
      machine,
      long: process.env['TIO_RELIABILITY_LONG'] === '1',
      totalMs,
      tests: {
        passed: outcomes.filter((outcome) => outcome.state === 'passed').length,
        failed: outcomes.filter((outcome) => outcome.state === 'failed').length,
        skipped: outcomes.filter((outcome) => outcome.state === 'skipped' || outcome.state === 'pending').length,
        expectedFailures: outcomes.filter((outcome) => outcome.expectedFailure).map((outcome) => outcome.name),
      },
      scenarios: Object.entries(TITLES).map(([key, title]) => ({
        scenario: Number(key),
        title,
        tests: outcomes.filter((outcome) => outcome.scenario === Number(key)),
        figures: records.filter((record) => record.scenario === Number(key)),
      })),
    };
    mkdirSync(RESULTS, { recursive: true });
    // The long variant (TIO_RELIABILITY_LONG=1) has its own files, so it never overwrites the CI figures.
    const suffix = `${report.long ? '-long' : ''}${complete ? '' : '.partial'}`;
    writeFileSync(`${RESULTS}reliability${suffix}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${RESULTS}reliability${suffix}.md`, renderMarkdown(report));
    rmSync(PARTS_DIRECTORY, { recursive: true, force: true });
  }
}

function cell(value: unknown): string {
  return String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function renderMarkdown(report: {
  date: string;
  machine: { node: string; platform: string; cpus: number; cpuModel: string };
  long: boolean;
  totalMs: number;
  tests: { passed: number; failed: number; skipped: number; expectedFailures: string[] };
  scenarios: Array<{ scenario: number; title: string; tests: TestOutcome[]; figures: FigureRecord[] }>;
}): string {
  const lines: string[] = [
    '# tio reliability report',
    '',
    `Written by \`tests/reliability\` (\`@tio/reliability-tests\`) on ${report.date}, Node ${report.machine.node}, ` +
      `${report.machine.cpus} CPUs (${report.machine.cpuModel}), ${report.machine.platform}. ` +
      `Variant: ${report.long ? '**long** (`TIO_RELIABILITY_LONG=1`)' : 'CI'}. Whole run: ${(report.totalMs / 1000).toFixed(1)} s.`,
    '',
    `Tests: ${report.tests.passed} passed, ${report.tests.failed} failed, ${report.tests.skipped} skipped; ` +
      `${report.tests.expectedFailures.length} marked \`it.fails\` (a known bug, asserting the correct behaviour).`,
    '',
  ];
  for (const scenario of report.scenarios) {
    lines.push(`## ${scenario.scenario}. ${scenario.title}`, '');
    for (const test of scenario.tests) {
      const mark = test.expectedFailure ? `${test.state} (it.fails: known bug)` : test.state;
      lines.push(`- ${cell(test.name)}: **${mark}** (${(test.durationMs / 1000).toFixed(1)} s)`);
    }
    lines.push('');
    for (const record of scenario.figures) {
      lines.push(`**${cell(record.case)}**${record.note === undefined ? '' : ` — ${cell(record.note)}`}`, '');
      lines.push('| figure | value |', '| --- | --- |');
      for (const [name, value] of Object.entries(record.figures)) lines.push(`| ${cell(name)} | ${cell(value)} |`);
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}
