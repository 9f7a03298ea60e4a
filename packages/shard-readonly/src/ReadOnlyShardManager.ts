import {
  BaseShardManager,
  defineOptionKeys,
  leastLoadedShard,
  planShardSlices,
  InvalidOptionError,
  NoSenderShardError,
  ShardCapacityError,
  StoppedError,
  type AssignShardOptions,
  type JoinFailureReason,
  type Shard,
  type ShardManagerContext,
} from '@tio/core';
import {
  resolveReadOnlyShardManagerOptions,
  type ReadOnlyShardManagerOptions,
  type ResolvedReadOnlyShardManagerOptions,
} from './ReadOnlyShardManagerOptions.js';

/**
 * A shard manager for bots that read more channels than Twitch's 100-room cap allows one account
 * (`twitch-protocol.md` §0.2, §4.3): channels are **read** through anonymous (`justinfan…`) reader shards, and
 * messages are **sent** through authenticated sender shards that join nothing.
 *
 * **Why it works.** The 100-room cap and the JOIN budget count per authenticated account; anonymous connections were
 * measured exempt from both (one third-party field test, 2026-09-08: 120 rooms on one anonymous connection, 45 JOINs
 * in 10 s, `twitch-protocol.md` §1.4, §4.4). And Twitch accepts a PRIVMSG to a channel the connection has not joined
 * (§3.2), so a sender needs no room. Anonymous limits are undocumented, so the readers are still paced by the client's
 * shared anonymous limiter (by default Twitch's regular JOIN and login limits).
 *
 * **Shards.**
 * - `reader-0`, `reader-1`, …: anonymous, read-only, up to `channelsPerShard` channels each, at most `maxShardCount`
 *   of them. At start the initial channels are split over `max(1, ceil(n / channelsPerShard),
 *   min(initialShardCount, n))` readers in even contiguous slices; later joins go to the least-loaded reader, and a new
 *   reader is opened (and started) when all are full, else the join fails with `ShardCapacityError`. A reader opened
 *   after start and left empty by parts or failed joins is retired; ids are never reused.
 * - `sender-<login>`: one authenticated shard per login in `senders` (by default the token handler's default login),
 *   per login in `joinAs`, and per login first used with `send(…, { as })` or `join(…, { as })` that the token handler
 *   knows. It joins only the channels `joinAs` (or `join(…, { as })`) gives it, so each login has its own
 *   account-wide limiters and room cap, and joins nowhere by default.
 *
 * **Sending** (`getSenderShard`): the ready sender shard of the requested login (the one holding the channel first),
 * else a connecting or reconnecting one, whose transport queues the message; never an anonymous reader. Each login
 * draws on its own message budget: saturating one login's 20-per-30-s bucket does not delay another login's sends.
 * The bot's own messages come back on the anonymous reader of that channel (Twitch suppresses them only on the sending
 * connection, §3.2) with `message.self` set.
 *
 * @example
 * ```ts
 * import { Client, SimpleTokenHandler } from '@tio/core';
 * import { IrcWsTransport } from '@tio/irc-ws';
 * import { ReadOnlyShardManager } from '@tio/shard-readonly';
 *
 * const client = new Client({
 *   tokenHandler: new SimpleTokenHandler({ login: 'mybot', token: process.env.TWITCH_TOKEN! }),
 *   transport: IrcWsTransport,
 *   shardManager: ReadOnlyShardManager,
 *   channelsPerShard: 100,
 *   maxShardCount: 50,
 *   joinAs: { mybot: ['mybot'] }, // its own channel: learn its badges up front
 *   initialChannels: await loadChannels(), // thousands
 * });
 * client.on('message', async (message) => {
 *   if (!message.self && message.text === '!ping') await message.reply('pong'); // sent by sender-mybot
 * });
 * await client.start();
 * ```
 */
export class ReadOnlyShardManager extends BaseShardManager<ReadOnlyShardManagerOptions> {
  /** The option names this manager accepts through the `Client` constructor (checked against the options type). */
  static override readonly optionKeys = defineOptionKeys<ReadOnlyShardManagerOptions>()(
    'channelsPerShard',
    'maxShardCount',
    'initialShardCount',
    'senders',
    'joinAs',
  );

  /**
   * Checks the option values; the `Client` constructor calls it.
   *
   * @param options - The manager's options, unknown names already rejected.
   * @throws `InvalidOptionError` when a count is not an integer ≥ 1, `initialShardCount` exceeds `maxShardCount`, a
   *   login or channel name is invalid, or a channel is listed under two logins in `joinAs`.
   */
  static override validateOptions(options: Readonly<Record<string, unknown>>): void {
    resolveReadOnlyShardManagerOptions(options);
  }

  /** The options in force, with every default filled in. */
  readonly settings: ResolvedReadOnlyShardManagerOptions;

  readonly #initialReaderIds = new Set<string>();
  readonly #senderGenerations = new Map<string, number>();
  #nextReaderId = 0;
  #stopped = false;

  /**
   * Creates the manager. Only the `Client` calls this.
   *
   * @param context - What the client lends the manager.
   * @throws `InvalidOptionError` for bad option values (normally caught earlier by the `Client` constructor).
   */
  constructor(context: ShardManagerContext) {
    super(context);
    this.settings = resolveReadOnlyShardManagerOptions(this.options as Readonly<Record<string, unknown>>);
  }

  /**
   * The anonymous reader shards, in creation order (stopped and failed ones included until removed).
   *
   * @returns The readers.
   */
  readerShards(): Shard[] {
    return this.shardsOf(null);
  }

  /**
   * The authenticated sender shards, in creation order.
   *
   * @param login - Only this login's sender shards; every login's when omitted.
   * @returns The senders.
   */
  senderShards(login?: string): Shard[] {
    if (login !== undefined) return this.shardsOf(login);
    return [...this.shards.values()].filter((shard) => shard.login !== null);
  }

  /**
   * Whether `shardId` is a reader created at start (these are never retired).
   *
   * @param shardId - A shard id.
   * @returns `true` for an initial reader, `false` otherwise.
   */
  isInitialReader(shardId: string): boolean {
    return this.#initialReaderIds.has(shardId);
  }

  /**
   * Creates (without starting) one sender shard per sender login, holding the initial channels `joinAs` gives it, and
   * the initial readers with the other initial channels spread over them.
   *
   * @returns Resolves once the shards exist.
   * @throws {@link @tio/core!ShardCapacityError} when the channels to read do not fit in `channelsPerShard × maxShardCount`;
   *   `InvalidOptionError` naming `senders` or `joinAs` when the token handler has no authenticated credentials for
   *   a login listed there.
   */
  override async setup(): Promise<void> {
    const { joinAs } = this.settings;
    const read = this.initialChannels.filter((channel) => !joinAs.has(channel));
    const plan = planShardSlices(read, this.settings);
    const defaultLogin = await this.resolveLogin();
    const logins = new Set(this.settings.senders ?? (defaultLogin === null ? [] : [defaultLogin]));
    for (const login of joinAs.values()) logins.add(login);
    for (const login of logins) {
      const channels = this.initialChannels.filter((channel) => joinAs.get(channel) === login);
      const option = this.settings.senders?.includes(login) === true || !this.#joinAsLogins().has(login) ? 'senders' : 'joinAs';
      await this.#createSender(login, channels, () =>
        InvalidOptionError.badValue(
          'ReadOnlyShardManager',
          option,
          login,
          `logins the token handler has a token for (it has none for "${login}"); add the account to the token handler or remove the login`,
        ),
      );
    }
    for (const channels of plan) this.#initialReaderIds.add(this.#createReader(channels).id);
    this.client.on('joinFailure', this.#onJoinFailure);
  }

  /**
   * Places `channel`: on the sender shard of `options.as` or of its `joinAs` login when there is one (opening that
   * sender if needed), otherwise on the least-loaded anonymous reader, opening (and starting) a reader when all are
   * full.
   *
   * @param channel - The normalised channel login.
   * @param isInitialChannel - Whether it is an initial channel (those are placed by `setup` already).
   * @param options - `as`: join with this login's authenticated shard (`client.join(channel, { as })`).
   * @returns Resolves once the channel is recorded on its shard (not when Twitch confirms the join).
   * @throws {@link @tio/core!ShardCapacityError} when every reader is full and `maxShardCount` readers run;
   *   {@link NoSenderShardError} when the token handler has no credentials for the login; `StoppedError` once stopped.
   */
  override async assignShard(channel: string, isInitialChannel: boolean, options: AssignShardOptions = {}): Promise<void> {
    void isInitialChannel;
    if (this.#stopped) throw new StoppedError(`Joining #${channel}`);
    const login = options.as?.toLowerCase() ?? this.settings.joinAs.get(channel);
    if (login !== undefined) {
      const sender = this.#runningSender(login) ?? (await this.#createSender(login, [], () => new NoSenderShardError(channel, login)));
      if (this.started) void sender.start();
      await sender.addChannels([channel]);
      return;
    }
    const { channelsPerShard, maxShardCount } = this.settings;
    const readers = this.readerShards().filter(isRunning);
    let target = leastLoadedShard(readers, channelsPerShard);
    if (target === undefined) {
      if (readers.length >= maxShardCount) throw new ShardCapacityError({ channel, channelsPerShard, maxShardCount });
      target = this.#createReader([]);
      // After start() a new reader starts now, without holding the join queue while it logs in.
      if (this.started) void target.start();
    }
    await target.addChannels([channel]);
  }

  /**
   * Parts `channel` and retires its reader if that reader was opened after start and is now empty.
   *
   * @param channel - The normalised channel login.
   * @returns Resolves once parted (and the reader stopped, when retired).
   */
  override async releaseChannel(channel: string): Promise<void> {
    const shard = this.shardOf(channel);
    await super.releaseChannel(channel);
    if (shard !== undefined) await this.#retireIfEmpty(shard.id);
  }

  /**
   * Stops every shard; joins after this fail with `StoppedError`.
   *
   * @returns Resolves once every shard has stopped.
   */
  override async stop(): Promise<void> {
    this.#stopped = true;
    this.client.off('joinFailure', this.#onJoinFailure);
    await this.stopAllShards();
  }

  /**
   * Picks the sender shard of `login` for a message to `channel`: the ready one holding the channel, else any ready
   * one, else a connecting or reconnecting one (its transport queues the message). A login without a sender shard
   * that the token handler knows gets one, opened and started now. Anonymous readers never send.
   *
   * @param channel - The target channel.
   * @param login - The login the message is sent as.
   * @returns The shard, or `undefined` when the login has no credentials or the manager stopped.
   */
  override async getSenderShard(channel: string, login: string): Promise<Shard | undefined> {
    const existing = this.pickSenderShard(channel, login);
    if (existing !== undefined || this.#stopped) return existing;
    return this.runExclusive(async () => {
      if (this.#stopped) return undefined;
      const again = this.pickSenderShard(channel, login);
      if (again !== undefined) return again;
      let sender: Shard;
      try {
        sender = await this.#createSender(login.toLowerCase(), [], () => new NoSenderShardError(channel, login));
      } catch {
        return undefined;
      }
      if (this.started) void sender.start();
      return sender;
    });
  }

  #runningSender(login: string): Shard | undefined {
    return this.shardsOf(login).find(isRunning);
  }

  #joinAsLogins(): Set<string> {
    return new Set(this.settings.joinAs.values());
  }

  /**
   * Opens the sender shard of `login` (not started), after checking the token handler has authenticated credentials
   * for it: a shard with unknown or anonymous credentials could never send. `failure` builds the error otherwise.
   */
  async #createSender(login: string, channels: readonly string[], failure: () => Error): Promise<Shard> {
    let anonymous: boolean;
    try {
      anonymous = (await this.tokenHandler.getIrcToken(login)).anonymous;
    } catch {
      throw failure();
    }
    if (anonymous) throw failure();
    const generation = this.#senderGenerations.get(login) ?? 0;
    this.#senderGenerations.set(login, generation + 1);
    const id = generation === 0 ? `sender-${login}` : `sender-${login}-${generation}`;
    return this.addShard(id, login, channels.length === 0 ? {} : { initialChannels: channels });
  }

  #createReader(channels: readonly string[]): Shard {
    const id = `reader-${this.#nextReaderId++}`;
    return this.addShard(id, null, channels.length === 0 ? {} : { initialChannels: channels });
  }

  async #retireIfEmpty(shardId: string): Promise<void> {
    const shard = this.shards.get(shardId);
    if (shard === undefined || shard.login !== null || this.#initialReaderIds.has(shardId) || this.#stopped) return;
    if (shard.channelCount > 0) return;
    await this.removeShard(shardId);
  }

  /** A channel that failed for good left its shard (the base frees it); retire that reader if it is now empty. */
  readonly #onJoinFailure = (channel: string, reason: JoinFailureReason, shardId: string): void => {
    void channel;
    if (reason === 'stopped' || this.#stopped || !this.shards.has(shardId)) return;
    this.runExclusive(() => this.#retireIfEmpty(shardId)).catch(() => undefined);
  };
}

function isRunning(shard: Shard): boolean {
  return shard.status !== 'stopped' && shard.status !== 'failed';
}
