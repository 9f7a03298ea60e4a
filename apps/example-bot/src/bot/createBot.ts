import { Bot, type CommandContext } from '@tio/commands';
import { SimpleTokenHandler, type RateLimitOverrides } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { DistributedShardManager } from '@tio/shard-distributed';
import { BotStats } from './BotStats.js';

/** The bot this app runs: a commands `Bot` whose channels the `DistributedShardManager` spreads over shards. */
export type ExampleBot = Bot<typeof IrcWsTransport, typeof DistributedShardManager>;

/** What {@link createBot} needs: who to log in as, where, and which channels. */
export interface CreateBotOptions {
  readonly login: string;
  readonly token: string;
  readonly channels: readonly string[];
  /** The WebSocket URL; omitted for real Twitch (the transport's default, `wss://irc-ws.chat.twitch.tv:443`). */
  readonly url?: string;
  /** Limit overrides (the demo's scaled windows); omitted for real Twitch's limits. */
  readonly rateLimits?: RateLimitOverrides;
  /**
   * Channels where the account is moderator: they do not count toward Twitch's 100-room cap (§4.3). A real bot gets
   * them from Helix (Get Moderated Channels); declared up front, the limiter never refuses them for the cap.
   */
  readonly moderatedChannels?: readonly string[];
  /** Channels per connection: 50 keeps one shard's traffic small and each reconnect's rejoin short (§4.6). */
  readonly channelsPerShard?: number;
}

/**
 * Creates the bot with its three commands (`!ping`, `!shards`, `!uptime`) and the counters the screen shows.
 *
 * @param options - Login, token, channels, and the demo's URL and limits.
 * @returns The bot (not started) and its statistics.
 */
export function createBot(options: CreateBotOptions): { bot: ExampleBot; stats: BotStats } {
  const channelsPerShard = options.channelsPerShard ?? 50;
  const shardCount = Math.max(1, Math.ceil(options.channels.length / channelsPerShard));
  const bot: ExampleBot = new Bot({
    tokenHandler: new SimpleTokenHandler({ login: options.login, token: options.token }),
    transport: IrcWsTransport,
    transportOptions: options.url === undefined ? {} : { url: options.url },
    shardManager: DistributedShardManager,
    channelsPerShard,
    initialShardCount: shardCount,
    // Room for a few joins made later (each new shard costs one login from the account's budget, §4.4).
    maxShardCount: shardCount + 2,
    initialChannels: options.channels,
    moderatedChannels: options.moderatedChannels ?? [],
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
  });
  const stats = new BotStats(bot, options.channels.length);

  const answer = async (ctx: CommandContext, text: string): Promise<void> => {
    try {
      const sent = await ctx.reply(text);
      stats.recordAnswer(ctx, sent.text, sent.sentAt);
    } catch (error) {
      stats.recordSendFailure(ctx, error);
    }
  };
  bot.command({
    name: 'ping',
    description: 'Answers pong with how long the command took to reach the bot',
    run: (ctx) => answer(ctx, `pong (${Math.max(0, Date.now() - (ctx.message.sentAt ?? Date.now()))} ms)`),
  });
  bot.command({
    name: 'shards',
    description: 'Shows the shards and their channel counts',
    run: (ctx) => {
      const loads = [...bot.shards.values()].map((shard) => shard.joinedChannels.size);
      // The first 20 shards only: a chat message may not exceed 500 characters (twitch-protocol.md §4.2).
      const shown = loads.length > 20 ? `${loads.slice(0, 20).join(' / ')} / …` : loads.join(' / ');
      return answer(ctx, `${loads.length} shards, ${stats.joined} channels (${shown})`);
    },
  });
  bot.command({
    name: 'uptime',
    description: 'Shows how long the bot has run',
    run: (ctx) => answer(ctx, `up ${formatDuration(stats.uptimeMs())}, in ${stats.joined} channels`),
  });
  return { bot, stats };
}

/**
 * Formats milliseconds as `1h 02m`, `3m 07s` or `12.3 s`.
 *
 * @param ms - A duration.
 * @returns The text.
 */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
