import { BaseShardManager, ShardAssignmentError, type Shard } from '@tio/core';

/**
 * The options of {@link DefaultShardManager}: none. Any option passed to the `Client` that neither the client nor
 * this manager knows is rejected by the client with `InvalidOptionError`, so a typo cannot go unnoticed.
 */
export type DefaultShardManagerOptions = Record<never, never>;

/**
 * The id of the one shard {@link DefaultShardManager} creates. It follows the `shard-<n>` scheme of the other tio
 * managers, so logs and `client.shards` read the same whichever manager a bot uses.
 */
export const DEFAULT_SHARD_ID = 'shard-0';

/**
 * The shard manager a `Client` uses when it is given none: **one shard**, logged in as the token handler's default
 * login, for every channel. Functionally this is a single-connection chat client.
 *
 * - `setup` resolves the default login and creates shard `shard-0` ({@link DEFAULT_SHARD_ID}) with every initial
 *   channel on it (anonymous credentials give an anonymous, read-only shard).
 * - `assignShard` puts every joined channel on that shard, and `releaseChannel` (the base's) removes it again, so a
 *   parted channel is not re-joined after a reconnect.
 * - `start` starts the shard and resolves only once it has exited (stopped or failed); `client.start()` itself
 *   resolves as soon as the shard is ready and the initial joins settled.
 * - `getSenderShard` (the base's) returns the shard when it logs in as the requested login and is not stopped or failed. While it
 *   reconnects it is still returned: its transport queues the message and sends it once, when the shard is ready
 *   again.
 *
 * One connection means one shard's throughput and no fault isolation. It does not limit the channel count: Twitch's
 * 100-room cap is per account, whatever the number of connections (`twitch-protocol.md` §4.3), and the account's
 * shared limiter enforces it either way. Use `DistributedShardManager` from `@tio/shard-distributed` to spread
 * channels over several connections.
 *
 * @example
 * ```ts
 * import { Client, SimpleTokenHandler } from '@tio/core';
 * import { IrcWsTransport } from '@tio/irc-ws';
 * import { DefaultShardManager } from '@tio/shard-default';
 *
 * const client = new Client({
 *   tokenHandler: new SimpleTokenHandler({ login: 'mybot', token: process.env.TWITCH_TOKEN! }),
 *   transport: IrcWsTransport,
 *   shardManager: DefaultShardManager, // also what the client loads when shardManager is omitted
 *   initialChannels: ['somechannel'],
 * });
 * await client.start();
 * ```
 */
export class DefaultShardManager extends BaseShardManager<DefaultShardManagerOptions> {
  #shard: Shard | undefined;

  /**
   * The one shard, once `setup` created it.
   *
   * @returns The shard, or `undefined` before the client started the manager.
   */
  get shard(): Shard | undefined {
    return this.#shard;
  }

  /**
   * Creates the one shard (not started) for the token handler's default login, with every initial channel on it.
   *
   * @returns Resolves once the shard exists.
   */
  override async setup(): Promise<void> {
    const login = await this.resolveLogin();
    this.#shard = this.addShard(DEFAULT_SHARD_ID, login, { initialChannels: this.initialChannels });
  }

  /**
   * Puts `channel` on the one shard.
   *
   * @param channel - The normalised channel login.
   * @returns Resolves once the channel is recorded on the shard (not when Twitch confirms the join).
   * @throws `StoppedError` (from `@tio/core`) when the shard has stopped or failed; `ShardAssignmentError` when
   *   `setup()` has not run.
   */
  override async assignShard(channel: string): Promise<void> {
    await this.#requireShard(channel).addChannels([channel]);
  }

  /**
   * Starts the one shard and waits until it exits (stopped or failed).
   *
   * @returns Resolves once the shard has exited (at once when `setup()` has not run: there is nothing to start).
   */
  override async start(): Promise<void> {
    await this.#shard?.start({ block: true });
  }

  /**
   * Stops the one shard; idempotent.
   *
   * @returns Resolves once it has stopped.
   */
  override async stop(): Promise<void> {
    await this.#shard?.stop();
  }

  #requireShard(channel: string): Shard {
    // setup() always runs first (the Client guarantees it); this only guards against calls from elsewhere.
    if (this.#shard === undefined) {
      throw new ShardAssignmentError({
        manager: 'DefaultShardManager',
        channel,
        detail: 'setup() has not run yet, so there is no shard',
        nextStep: 'Let the Client drive the manager: it calls setup() in client.start(), before any assignShard().',
      });
    }
    return this.#shard;
  }
}
