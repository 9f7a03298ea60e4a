import type { ChatMessageEvent, ClientOptions, DefaultShardManagerClass, BaseShardManager, ShardManagerClass, Transport } from '@tio/core';

/**
 * What a prefix function returns: one prefix, several, or `undefined` for "no commands in this message".
 */
export type PrefixResult = string | readonly string[] | undefined;

/**
 * The command prefix: one string (`'!'`), several (`['!', '?']`, the longest that matches wins), or a function of
 * the message (per-channel prefixes). A function runs for **every** chat message, so keep it cheap and synchronous
 * when you can (look the channel up in a `Map`); a promise is awaited.
 */
export type Prefix = string | readonly string[] | ((message: ChatMessageEvent) => PrefixResult | Promise<PrefixResult>);

/**
 * What a `Bot` does with Shared Chat copies: `source` answers a message only in the room where it was typed
 * (`source-room-id` equals `room-id`), so a bot joined to several rooms of one session answers once, with the
 * author's roles of that room; `all` treats every copy as its own message (twitch-protocol.md §3.2).
 */
export type SharedChatPolicy = 'source' | 'all';

/**
 * The options a `Bot` adds to the `Client`'s.
 */
export interface BotCommandOptions {
  /**
   * The command prefix. Matching is exact (case-sensitive); an empty prefix is refused, because every message would
   * then be read as a command.
   *
   * @defaultValue `'!'`
   */
  readonly prefix?: Prefix;
  /**
   * Whether command names and aliases match without regard to case (`!Ping` runs `ping`), as on Nightbot,
   * StreamElements and twitchio.
   *
   * @defaultValue `true`
   */
  readonly caseInsensitive?: boolean;
  /**
   * Whether the bot answers a usage error in chat itself (a threaded reply such as
   * `amount must be a whole number, got 'abc'. Usage: !give <user> <amount> [reason...]`). Off by default, like
   * twitchio and the discord.js frameworks: the bot never speaks unless your code says so, which spares the account's
   * rate limits (twitch-protocol.md §4.1). Every usage error is a `commandDenied` event whose `message` holds that
   * text, so `inv.reply(denial.message)` is one line. When on, the same reply is not repeated in a channel within
   * 30 s: Twitch would drop it as a duplicate (§4.2).
   *
   * @defaultValue `false`
   */
  readonly usageReplies?: boolean;
  /**
   * What to do with Shared Chat copies of a message. See {@link SharedChatPolicy}.
   *
   * @defaultValue `'source'`
   */
  readonly sharedChat?: SharedChatPolicy;
}

/**
 * Everything `new Bot(...)` accepts: every `Client` option (transport, shard manager and its options, typed from the
 * manager class exactly as for `Client`), plus {@link BotCommandOptions}.
 *
 * @typeParam T - The transport class.
 * @typeParam M - The shard manager class.
 *
 * @example
 * ```ts
 * const options: BotOptions<typeof IrcWsTransport, typeof DistributedShardManager> = {
 *   tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, channelsPerShard: 10, prefix: '!',
 * };
 * ```
 */
export type BotOptions<
  T extends Transport<never>,
  M extends ShardManagerClass<BaseShardManager<object>> = DefaultShardManagerClass,
> = ClientOptions<T, M> & BotCommandOptions;

/**
 * The default of every {@link BotCommandOptions} option.
 */
export const DefaultBotOptions = {
  prefix: '!',
  caseInsensitive: true,
  usageReplies: false,
  sharedChat: 'source',
} as const satisfies Required<BotCommandOptions>;

/**
 * The option names the `Bot` takes for itself (the rest go to the `Client`).
 *
 * @internal
 */
export const BOT_OPTION_KEYS: readonly string[] = Object.keys(DefaultBotOptions);

/**
 * How long Twitch refuses a message identical to the previous one in a channel: 30 s (twitch-protocol.md §4.2).
 *
 * @internal
 */
export const DUPLICATE_WINDOW_MS = 30_000;
