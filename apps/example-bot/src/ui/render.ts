import type { Answer, BotStats, ShardRow, StatsSnapshot } from '../bot/BotStats.js';
import { formatDuration } from '../bot/createBot.js';

const paint = (code: number, reset: number) => (text: string | number) => `\u001b[${code}m${text}\u001b[${reset}m`;
export const bold = paint(1, 22);
export const dim = paint(2, 22);
const green = paint(32, 39);
const yellow = paint(33, 39);
const red = paint(31, 39);
const cyan = paint(36, 39);

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** What the session knows beyond the bot: the mock's violations (the demo only). */
export interface ViewContext {
  readonly violations?: () => number;
}

/**
 * A bar such as `[██████░░░░]`.
 *
 * @param done - Finished steps.
 * @param total - All steps.
 * @param width - Characters inside the brackets.
 * @returns The bar.
 */
export function progressBar(done: number, total: number, width = 32): string {
  const filled = total === 0 ? width : Math.min(width, Math.round((done / total) * width));
  return `[${green('█'.repeat(filled))}${dim('░'.repeat(width - filled))}]`;
}

function joinLine(stats: BotStats, explain: boolean): string {
  const settled = stats.joined + stats.failed;
  const percent = stats.total === 0 ? 100 : Math.floor((settled / stats.total) * 100);
  const failed = stats.failed > 0 ? red(` · ${stats.failed} failed`) : '';
  const eta =
    stats.allJoinedAfterMs === undefined
      ? `ETA ${seconds(stats.etaMs())}${explain ? dim(' (remaining JOINs ÷ JOIN budget + logins of new shards)') : ''}`
      : green(`all settled in ${seconds(stats.allJoinedAfterMs)}`);
  return `${bold('joins ')} ${progressBar(settled, stats.total)} ${count(stats.joined)}/${count(stats.total)} ${percent}%${failed}  ${eta}`;
}

function totalsLine(stats: BotStats, context: ViewContext): string {
  const violations = context.violations?.();
  const violationText = violations === undefined ? '' : ` · violations ${violations === 0 ? green(0) : red(violations)}`;
  const sends = `sends ${count(stats.sendsOk)} ok${stats.sendsFailed > 0 ? red(` / ${stats.sendsFailed} failed`) : ''}`;
  return (
    `${bold('uptime')} ${formatDuration(stats.uptimeMs())} · messages ${count(stats.messages)} (${count(stats.messagesPerSecond)}/s)` +
    ` · commands answered ${count(stats.commandsAnswered)} · ${sends}${violationText}`
  );
}

function statusText(status: ShardRow['status']): string {
  const padded = status.padEnd(12);
  if (status === 'ready') return green(padded);
  if (status === 'failed') return red(padded);
  if (status === 'stopped') return dim(padded);
  return yellow(padded);
}

function shardTable(rows: readonly ShardRow[]): string[] {
  const header = dim(`${'shard'.padEnd(10)}${'status'.padEnd(12)}${'channels'.padStart(10)}${'msg/s'.padStart(8)}${'messages'.padStart(11)}`);
  const lines = rows.map(
    (row) =>
      `${cyan(row.id.padEnd(10))}${statusText(row.status)}${`${row.joined}/${row.channels}`.padStart(10)}` +
      `${count(row.perSecond).padStart(8)}${count(row.messages).padStart(11)}`,
  );
  return [header, ...(lines.length > 0 ? lines : [dim('(no shard yet)')])];
}

/**
 * One answered command, as `#channel user: !ping → pong (1 ms) · 4 ms`.
 *
 * @param answer - The answer.
 * @returns The line.
 */
export function answerLine(answer: Answer): string {
  const trip = answer.roundTripMs === undefined ? '' : dim(` · answered ${answer.roundTripMs} ms after it was typed`);
  const reply = answer.ok ? green(answer.reply) : red(answer.reply);
  return `${cyan(`#${answer.channel}`)} ${answer.user}: ${bold(answer.command)} → ${reply}${trip}`;
}

/**
 * The live view: join progress, totals, the shard table and the last answers.
 *
 * @param stats - The bot's counters.
 * @param context - The mock's violations, if any.
 * @param stopping - Whether the bot is being stopped.
 * @returns The lines to draw.
 */
export function statusFrame(stats: BotStats, context: ViewContext, stopping = false): string[] {
  const answers = stats.answers.length > 0 ? stats.answers.map((answer) => `  ${answerLine(answer)}`) : [dim('  (waiting for a command)')];
  const footer = stopping ? 'stopping gracefully…' : 'Ctrl-C stops the bot gracefully';
  const problem = stats.lastProblem === undefined ? [] : [yellow(`last problem: ${stats.lastProblem}`)];
  return ['', joinLine(stats, true), totalsLine(stats, context), ...problem, '', ...shardTable(stats.shardRows()), '', bold('recent answers'), ...answers, '', dim(footer)];
}

/**
 * The periodic line printed when the output is not a terminal.
 *
 * @param stats - The bot's counters.
 * @param context - The mock's violations, if any.
 * @returns One line.
 */
export function logLine(stats: BotStats, context: ViewContext): string {
  const rows = stats.shardRows();
  const ready = rows.filter((row) => row.status === 'ready').length;
  const problem = stats.lastProblem === undefined ? '' : ` · last problem: ${stats.lastProblem}`;
  return `[${seconds(stats.uptimeMs()).padStart(7)}] ${joinLine(stats, false)} · ${ready}/${rows.length} shards ready · ${totalsLine(stats, context)}${problem}`;
}

/** What a run ends with: the bot's figures, the mock's violations (`undefined` on real Twitch), a clean stop. */
export type SessionSummary = StatsSnapshot & {
  readonly uptimeMs: number;
  readonly violations: number | undefined;
  readonly stoppedCleanly: boolean;
};

/**
 * The summary printed after a graceful stop.
 *
 * @param summary - The run's figures.
 * @returns The lines.
 */
export function summaryLines(summary: SessionSummary): string[] {
  const failures = Object.entries(summary.joinFailures).map(([reason, value]) => `${value} ${reason}`);
  const joinTime =
    summary.allJoinedAfterMs === undefined ? 'not all settled' : `all settled in ${seconds(summary.allJoinedAfterMs)}`;
  const eta = summary.etaAtStartMs === undefined ? '' : ` (budget ETA at start: ${seconds(summary.etaAtStartMs)})`;
  return [
    '',
    bold('summary'),
    `  uptime             ${formatDuration(summary.uptimeMs)}`,
    `  channels joined    ${count(summary.joined)}/${count(summary.channels)}${failures.length > 0 ? `, failed: ${failures.join(', ')}` : ''} · ${joinTime}${eta}`,
    `  messages received  ${count(summary.messages)}`,
    `  commands answered  ${count(summary.commandsAnswered)}`,
    `  sends              ${count(summary.sendsOk)} ok, ${count(summary.sendsFailed)} failed`,
    ...(summary.violations === undefined ? [] : [`  violations         ${summary.violations} (recorded by the mock server)`]),
    ...summary.shards.map((row) => `  ${row.id.padEnd(19)}${String(row.joined).padStart(4)} channels, ${count(row.messages)} messages`),
    `  stopped            ${summary.stoppedCleanly ? 'cleanly' : red('with shards still running')}`,
  ];
}
