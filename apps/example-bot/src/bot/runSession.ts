import { StoppedError } from '@tio/core';
import { Screen, type ScreenOutput } from '../ui/Screen.js';
import { answerLine, logLine, statusFrame, summaryLines, type SessionSummary, type ViewContext } from '../ui/render.js';
import type { BotStats } from './BotStats.js';
import type { ExampleBot } from './createBot.js';

/** What {@link runSession} runs and shows. */
export interface SessionOptions extends ViewContext {
  readonly bot: ExampleBot;
  readonly stats: BotStats;
  readonly output: ScreenOutput;
  /** Lines printed once above the live view. */
  readonly header: readonly string[];
  /** Stop by itself after this long. */
  readonly durationMs?: number;
  /** Stop when this aborts (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Called before the bot stops (the demo stops its simulated chat here and lets answers in flight finish). */
  readonly beforeStop?: () => Promise<void>;
}

/**
 * Starts the bot, shows it live until the duration passes, the signal aborts or the bot cannot start, then stops it
 * gracefully and prints the summary.
 *
 * @param options - The bot, its counters, where to draw and when to stop.
 * @returns The summary.
 * @throws Whatever made `bot.start()` fail (bad credentials, for example), after stopping.
 */
export async function runSession(options: SessionOptions): Promise<SessionSummary> {
  const { bot, stats } = options;
  const screen = new Screen(options.output);
  screen.print(options.header);
  stats.onAnswer = (answer) => screen.log(answerLine(answer));
  let stopping = false;
  screen.start(
    () => statusFrame(stats, options, stopping),
    () => logLine(stats, options),
  );

  let failure: unknown;
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    if (options.durationMs !== undefined) timer = setTimeout(resolve, options.durationMs);
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
    if (options.signal?.aborted) resolve();
    void bot.start().catch((error: unknown) => {
      if (!(stopping && StoppedError.isInstance(error))) failure = error;
      resolve();
    });
  });
  clearTimeout(timer);

  stopping = true;
  await options.beforeStop?.();
  // The shards forget their channels when they stop: take the figures first.
  const snapshot = stats.snapshot();
  screen.freeze();
  await bot.stop();
  stats.dispose();
  const summary: SessionSummary = {
    ...snapshot,
    uptimeMs: stats.uptimeMs(),
    violations: options.violations?.(),
    stoppedCleanly: bot.state === 'stopped' && [...bot.shards.values()].every((shard) => shard.status === 'stopped'),
  };
  screen.stop(summaryLines(summary));
  if (failure !== undefined) throw failure;
  return summary;
}
