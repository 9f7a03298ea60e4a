import type { CommandContext } from '@tio/commands';
import type { JoinFailureReason, ShardStatus } from '@tio/core';
import type { ExampleBot } from './createBot.js';

/** One command the bot answered (or failed to), for the "recent answers" list. */
export interface Answer {
  readonly channel: string;
  readonly user: string;
  readonly command: string;
  /** The reply as sent, or why it was not. */
  readonly reply: string;
  readonly ok: boolean;
  /** From the command's `tmi-sent-ts` to the reply leaving the bot, in ms. */
  readonly roundTripMs: number | undefined;
}

/** One row of the shard table. */
export interface ShardRow {
  readonly id: string;
  readonly status: ShardStatus;
  readonly channels: number;
  readonly joined: number;
  readonly messages: number;
  readonly perSecond: number;
}

const RECENT_ANSWERS = 6;

/**
 * Counts what the screen and the summary show, from the bot's events: joins, chat messages per shard, commands and
 * sends. Message rates are sampled once a second.
 */
export class BotStats {
  readonly startedAt = Date.now();
  joined = 0;
  /** When every channel had settled (joined or failed), in ms after start. */
  allJoinedAfterMs: number | undefined;
  /** The budget ETA when the first shard connected, in ms after start. */
  etaAtStartMs: number | undefined;
  /** Called for every answer (the log lines off a TTY). */
  onAnswer: ((answer: Answer) => void) | undefined;
  messages = 0;
  commandsAnswered = 0;
  sendsOk = 0;
  sendsFailed = 0;
  /** The latest error or reconnect, so a bot that cannot reach Twitch says why. */
  lastProblem: string | undefined;
  readonly joinFailures = new Map<JoinFailureReason, number>();
  readonly answers: Answer[] = [];
  readonly #perShard = new Map<string, number>();
  readonly #rates = new Map<string, number>();
  #lastSample = new Map<string, number>();
  #lastSampleAt = Date.now();
  readonly #sampler: NodeJS.Timeout;

  constructor(
    readonly bot: ExampleBot,
    readonly total: number,
  ) {
    bot.on('join', () => {
      this.joined++;
      this.#checkSettled();
    });
    bot.on('joinFailure', (_channel, reason) => {
      this.joinFailures.set(reason, (this.joinFailures.get(reason) ?? 0) + 1);
      this.#checkSettled();
    });
    bot.on('message', (message) => {
      if (message.self) return;
      this.messages++;
      this.#perShard.set(message.shardId, (this.#perShard.get(message.shardId) ?? 0) + 1);
    });
    bot.on('commandRun', () => void this.commandsAnswered++);
    bot.once('shardConnect', () => {
      this.etaAtStartMs = this.uptimeMs() + this.etaMs();
    });
    bot.on('error', (error, details) => {
      this.lastProblem = `${details.shardId ?? details.source}: ${error.message}`;
    });
    bot.on('shardReconnect', (shardId, attempt, delayMs) => {
      this.lastProblem = `${shardId} reconnecting (attempt ${attempt}, after ${delayMs} ms)`;
    });
    this.#sampler = setInterval(() => this.#sample(), 1_000);
    this.#sampler.unref();
  }

  /** @returns Milliseconds since the bot was created. */
  uptimeMs(): number {
    return Date.now() - this.startedAt;
  }

  /** @returns How many channels failed to join, for every reason. */
  get failed(): number {
    let count = 0;
    for (const value of this.joinFailures.values()) count += value;
    return count;
  }

  /** @returns Chat messages per second over the last sample, all shards. */
  get messagesPerSecond(): number {
    let sum = 0;
    for (const rate of this.#rates.values()) sum += rate;
    return sum;
  }

  /** @returns One row per shard, in id order. */
  shardRows(): ShardRow[] {
    return [...this.bot.shards.values()].map((shard) => ({
      id: shard.id,
      status: shard.status,
      channels: shard.channelCount,
      joined: shard.joinedChannels.size,
      messages: this.#perShard.get(shard.id) ?? 0,
      perSecond: this.#rates.get(shard.id) ?? 0,
    }));
  }

  /**
   * The join ETA from the account's budget: the remaining JOINs at the JOIN limiter's rate, plus the logins of shards
   * not ready yet at the login limiter's rate (both windows widened by the safety margin, as the limiter does).
   *
   * @returns Milliseconds until every channel should be joined.
   */
  etaMs(): number {
    const { join, login, safetyMargin } = this.bot.limiters.limits;
    const remaining = Math.max(0, this.total - this.joined - this.failed);
    const pendingLogins = [...this.bot.shards.values()].filter((shard) => shard.status === 'idle' || shard.status === 'connecting').length;
    const perMs = (window: { limit: number; windowMs: number }): number => window.limit / (window.windowMs * (1 + safetyMargin));
    return remaining / perMs(join) + pendingLogins / perMs(login);
  }

  /** Records a reply the bot sent. */
  recordAnswer(ctx: CommandContext, reply: string, sentAt: number): void {
    this.sendsOk++;
    const typedAt = ctx.message.sentAt;
    this.#push(ctx, reply, true, typedAt === undefined ? undefined : Math.max(0, sentAt - typedAt));
  }

  /** Records a reply that could not be sent. */
  recordSendFailure(ctx: CommandContext, error: unknown): void {
    this.sendsFailed++;
    this.#push(ctx, `not sent: ${error instanceof Error ? error.message : String(error)}`, false, undefined);
  }

  /** @returns The figures of the summary, with the shard table as it is now. */
  snapshot() {
    const { total: channels, joined, allJoinedAfterMs, etaAtStartMs, messages, commandsAnswered, sendsOk, sendsFailed } = this;
    const joinFailures = Object.fromEntries(this.joinFailures);
    return { channels, joined, joinFailures, allJoinedAfterMs, etaAtStartMs, messages, commandsAnswered, sendsOk, sendsFailed, shards: this.shardRows() };
  }

  /** Stops the rate sampler. */
  dispose(): void {
    clearInterval(this.#sampler);
  }

  #push(ctx: CommandContext, reply: string, ok: boolean, roundTripMs: number | undefined): void {
    const answer: Answer = { channel: ctx.channel, user: ctx.user.login, command: ctx.message.text, reply, ok, roundTripMs };
    this.answers.push(answer);
    if (this.answers.length > RECENT_ANSWERS) this.answers.shift();
    this.onAnswer?.(answer);
  }

  #checkSettled(): void {
    if (this.allJoinedAfterMs === undefined && this.joined + this.failed >= this.total) this.allJoinedAfterMs = this.uptimeMs();
  }

  #sample(): void {
    const now = Date.now();
    const seconds = Math.max(0.001, (now - this.#lastSampleAt) / 1000);
    for (const [shardId, count] of this.#perShard) this.#rates.set(shardId, (count - (this.#lastSample.get(shardId) ?? 0)) / seconds);
    this.#lastSample = new Map(this.#perShard);
    this.#lastSampleAt = now;
  }
}

/** The figures of a run, as {@link BotStats.snapshot} returns them. */
export type StatsSnapshot = ReturnType<BotStats['snapshot']>;
