import type { BaseTokenHandler } from '../auth/BaseTokenHandler.js';
import type { Client } from '../client/Client.js';
import { DuplicateShardError } from '../errors/DuplicateShardError.js';
import { StoppedError } from '../errors/StoppedError.js';
import { callTokenHandler } from '../errors/TokenHandlerError.js';
import { AsyncMutex } from './AsyncMutex.js';
import { inspectSymbol } from '../internal/Deferred.js';
import { normalizeChannelNames } from '../validation/normalizeChannelName.js';
import type { defineOptionKeys } from './defineOptionKeys.js';
import { Shard } from './Shard.js';
import type { ShardHooks, ShardRuntime } from './ShardRuntime.js';
import type { JoinResult } from '../transport/Transport.js';

/**
 * The version of the shard-manager contract. A manager class declares it as `static contractVersion`, and the
 * `Client` refuses a class that declares another one (`ContractVersionError`).
 */
export const SHARD_MANAGER_CONTRACT_VERSION = 'tio.shard-manager.v1';

/**
 * What the `Client` passes to a shard manager's constructor. Subclasses that define a constructor must pass it on to
 * `super(context)` unchanged.
 */
export interface ShardManagerContext {
  /** The client that owns the manager. */
  readonly client: Client;
  /** The client's token handler. */
  readonly tokenHandler: BaseTokenHandler;
  /** The initial channels, normalised and de-duplicated. */
  readonly initialChannels: readonly string[];
  /** The manager's own options, validated against its `optionKeys`. */
  readonly options: object;
  /** The client's collaborators. @internal */
  readonly runtime: ShardRuntime;
}

/**
 * Options of {@link BaseShardManager.addShard}.
 */
export interface AddShardOptions {
  /** Channels the shard joins once it logs in. @defaultValue none */
  readonly initialChannels?: Iterable<string>;
}

/**
 * Options of {@link BaseShardManager.assignShard}: what the caller of `client.join(channels, options)` asked for.
 * Managers that run one login may ignore them.
 */
export interface AssignShardOptions {
  /** The login that should join the channel (`client.join(channel, { as })`), lower-cased; absent when not given. */
  readonly as?: string;
}

/**
 * A shard-manager class as passed to `new Client({ shardManager })`: the class itself, never an instance.
 *
 * @typeParam TManager - The manager instance type.
 */
export interface ShardManagerClass<TManager extends BaseShardManager<object> = BaseShardManager<object>> {
  /** The contract version: {@link SHARD_MANAGER_CONTRACT_VERSION}. */
  readonly contractVersion: typeof SHARD_MANAGER_CONTRACT_VERSION;
  /** Every option name the manager accepts through the `Client` constructor. */
  readonly optionKeys: readonly string[];
  /**
   * Checks option values before anything starts; throws `InvalidOptionError` for a bad one.
   *
   * @param options - The manager's options, unknown keys already rejected.
   */
  validateOptions(options: Readonly<Record<string, unknown>>): void;
  /** Creates the manager; called by the `Client` once it is ready. */
  new (context: ShardManagerContext): TManager;
}

/**
 * The options type of a manager class, read from its `options` property (the type argument of
 * {@link BaseShardManager}).
 *
 * @typeParam M - A manager class.
 */
export type ShardManagerOptionsOf<M extends ShardManagerClass<BaseShardManager<object>>> =
  InstanceType<M> extends { readonly options: infer O } ? O : never;

const INTERNALS: unique symbol = Symbol('tio.shardManager.internals');

/**
 * Where an assigned channel went, and how its join settles.
 *
 * @internal
 */
export interface ChannelPlacement {
  /** The shard the channel was added to (it may have left it again if the join failed for good). */
  readonly shard: Shard;
  /** The outcome of the join started by the assignment, or of the current join when the channel was already held. */
  readonly result: Promise<JoinResult>;
}

/** The assignment in progress (assignments are serialised), and the join it started once a shard took the channel. */
interface AssignCapture {
  readonly channel: string;
  placement: ChannelPlacement | undefined;
}

/**
 * What the `Client` calls on a manager, wrapped with the base's serialisation and bookkeeping.
 *
 * @internal
 */
export interface ShardManagerInternals {
  /** Runs `setup(options)` under the mutex. */
  setup(): Promise<void>;
  /**
   * Assigns `channel` unless a shard already holds it, under the mutex.
   *
   * @returns The placement and its join result; `undefined` when `assignShard` placed the channel nowhere.
   */
  assign(channel: string, isInitialChannel: boolean, options?: AssignShardOptions): Promise<ChannelPlacement | undefined>;
  /** Releases `channel` if a shard holds it, under the mutex. */
  release(channel: string): Promise<void>;
  /** Records that the manager was started (see `started`), then runs its `start()`. */
  start(): Promise<void>;
  /** Runs the manager's `stop()` under the mutex, so it comes after any assignment in flight. */
  stop(): Promise<void>;
  /** Whether `setup`, an assignment or a release is running or queued. */
  readonly busy: boolean;
}

/**
 * The base class of every shard manager: the contract a manager implements and the helpers it uses.
 *
 * **Contract** (override these): {@link BaseShardManager.assignShard} (required), and optionally
 * {@link BaseShardManager.setup}, {@link BaseShardManager.start}, {@link BaseShardManager.stop},
 * {@link BaseShardManager.getSenderShard} and {@link BaseShardManager.releaseChannel}. Declare your options as the
 * type argument, list their names in `static optionKeys` (with {@link defineOptionKeys}, so the list cannot drift from
 * the type), and optionally check values in `static validateOptions`.
 *
 * **Lifecycle**, driven by `Client.start()` and `Client.stop()`:
 * 1. The `Client` constructor validates every option (unknown names, including your `optionKeys`, throw
 *    `InvalidOptionError`; then your `validateOptions`). Errors throw from `new Client(...)`.
 * 2. `start()` resolves the initial channels and the token handler's default login (`getIrcToken(null)`); errors
 *    reject `client.start()`.
 * 3. The manager is constructed (`new YourManager(context)`); then `setup(options)` runs. An exception rejects
 *    `client.start()`, and the client stops.
 * 4. `assignShard(channel, true)` runs once per initial channel that `setup` did not already place. An exception is
 *    reported as an `error` event (`source: 'manager'`) and that channel is skipped; the others continue.
 * 5. `start()` runs in the background (it normally resolves only when every shard has exited). `client.start()`
 *    resolves once every shard that existed when `start()` was called is ready (or failed) and every initial join
 *    has settled, then emits `ready`. If `start()` throws before that, or an initial shard fails (for example
 *    `AuthenticationError`), `client.start()` rejects with that error and the client stops. Later exceptions from
 *    `start()` become `error` events.
 * 6. Afterwards `client.join()` calls `assignShard(channel, false)` and `client.part()` calls `releaseChannel`;
 *    their exceptions reject those calls. `client.send()` calls `getSenderShard(channel, login)`.
 * 7. `client.stop()` calls `stop()` once any `assignShard` in flight has returned (under the same lock); an exception
 *    is reported as an `error` event, and the client then stops every shard that is still running anyway. From the
 *    moment `client.stop()` is called, `addShard` throws `StoppedError` and `Shard.start()` no longer connects.
 *
 * `setup`, `assignShard` and `releaseChannel` never run concurrently with each other (the base serialises them with
 * an {@link AsyncMutex}); use {@link BaseShardManager.runExclusive} for your own mutations from timers.
 *
 * @typeParam TOptions - The manager's own options, passed through the `Client` constructor.
 *
 * @example
 * ```ts
 * import { BaseShardManager, defineOptionKeys } from '@tio/core';
 *
 * interface RoundRobinOptions { readonly shardCount?: number }
 *
 * export class RoundRobinManager extends BaseShardManager<RoundRobinOptions> {
 *   static override readonly optionKeys = defineOptionKeys<RoundRobinOptions>()('shardCount');
 *   #next = 0;
 *   override async setup(options: RoundRobinOptions): Promise<void> {
 *     const login = await this.resolveLogin();
 *     for (let index = 0; index < (options.shardCount ?? 2); index++) this.addShard(`shard-${index}`, login);
 *   }
 *   override async assignShard(channel: string): Promise<void> {
 *     const shards = [...this.shards.values()];
 *     await shards[this.#next++ % shards.length]?.addChannels([channel]);
 *   }
 * }
 * // new Client({ ..., shardManager: RoundRobinManager, shardCount: 3 })   // `shardCont: 3` would not compile
 * ```
 */
export abstract class BaseShardManager<TOptions extends object = Record<never, never>> {
  /** The contract version this class implements. */
  static readonly contractVersion: typeof SHARD_MANAGER_CONTRACT_VERSION = SHARD_MANAGER_CONTRACT_VERSION;
  /** The option names this manager accepts through the `Client` constructor; none by default. */
  static readonly optionKeys: readonly string[] = [];

  /**
   * Checks option values; called by the `Client` constructor after unknown names were rejected. Does nothing by
   * default.
   *
   * @param options - The manager's options.
   * @throws `InvalidOptionError` from overrides, for a bad value.
   */
  static validateOptions(options: Readonly<Record<string, unknown>>): void {
    void options;
  }

  /** The client that owns this manager. */
  readonly client: Client;
  /** The client's token handler. */
  readonly tokenHandler: BaseTokenHandler;
  /** The initial channels, normalised and de-duplicated; empty when none were given. */
  readonly initialChannels: readonly string[];
  /** This manager's options, as passed to the `Client`. */
  readonly options: Readonly<TOptions>;

  readonly #runtime: ShardRuntime;
  readonly #shards = new Map<string, Shard>();
  readonly #owners = new Map<string, Shard>();
  readonly #mutex = new AsyncMutex();
  #generation = 0;
  #assigning: AssignCapture | undefined;
  #started = false;

  /**
   * Creates the manager. Only the `Client` calls this.
   *
   * @param context - What the client lends the manager.
   */
  constructor(context: ShardManagerContext) {
    this.client = context.client;
    this.tokenHandler = context.tokenHandler;
    this.initialChannels = Object.freeze([...context.initialChannels]);
    this.options = Object.freeze({ ...context.options }) as Readonly<TOptions>;
    this.#runtime = context.runtime;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The contract.

  /**
   * Prepares the manager: create shards (without starting them), resolve logins. Runs once, before any
   * `assignShard`.
   *
   * @param options - This manager's options (also available as `this.options`).
   */
  setup(options: Readonly<TOptions>): Promise<void> {
    void options;
    return Promise.resolve();
  }

  /**
   * Places `channel` on a shard, normally with `shard.addChannels([channel])` (adding and starting a shard if needed).
   * Called only for channels no shard holds yet; throw `ShardCapacityError` when it cannot be placed.
   *
   * @param channel - The normalised channel login.
   * @param isInitialChannel - `true` during `client.start()` for an initial channel, `false` for `client.join()`.
   * @param options - What `client.join(channels, options)` asked for (the login to join with); empty for initial
   *   channels. Managers written before this parameter existed simply leave it out.
   */
  abstract assignShard(channel: string, isInitialChannel: boolean, options?: AssignShardOptions): Promise<void>;

  /**
   * Starts the shards and resolves once they have all exited. The default starts every shard, then waits for all of
   * them, including shards added later.
   */
  async start(): Promise<void> {
    await this.startAllShards();
    await this.waitUntilExit();
  }

  /**
   * Stops the shards; called by `client.stop()`. The default stops every shard.
   */
  async stop(): Promise<void> {
    await this.stopAllShards();
  }

  /**
   * Picks the shard that sends a message to `channel` as `login`. The default prefers a ready shard of that login
   * that holds the channel, then any ready shard of that login, then any running shard of that login (its transport
   * queues until ready); `undefined` when the login has no running shard.
   *
   * @param channel - The target channel.
   * @param login - The login the message is sent as.
   * @returns The shard, or `undefined` for none.
   */
  getSenderShard(channel: string, login: string): Promise<Shard | undefined> {
    return Promise.resolve(this.pickSenderShard(channel, login));
  }

  /**
   * Removes `channel` from its shard; called by `client.part()`. The default calls `removeChannels` on the shard that
   * holds it. Override to retire emptied shards or re-balance.
   *
   * @param channel - The normalised channel login, held by {@link BaseShardManager.shardOf}.
   */
  async releaseChannel(channel: string): Promise<void> {
    await this.shardOf(channel)?.removeChannels([channel]);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers.

  /**
   * Whether the client has called {@link BaseShardManager.start} (set just before it runs). Shards added before that
   * are started by `start()`; a manager that adds a shard afterwards starts it itself.
   */
  protected get started(): boolean {
    return this.#started;
  }

  /** Every shard, by id, in the order they were added (read-only). */
  get shards(): ReadonlyMap<string, Shard> {
    return this.#shards;
  }

  /**
   * Creates a shard (not started) and registers it.
   *
   * @param id - A unique shard id.
   * @param login - The login it uses, or `null` for an anonymous read-only shard.
   * @param options - Channels it joins once logged in; channels another shard holds are skipped.
   * @returns The new shard.
   * @throws {@link DuplicateShardError} when `id` is taken; `InvalidChannelError` for invalid channel names;
   *   {@link StoppedError} once the client is stopping or stopped.
   */
  addShard(id: string, login: string | null, options: AddShardOptions = {}): Shard {
    // A shard added while the client stops would connect after stop() resolved and leak its socket.
    if (this.#runtime.isStopping()) throw new StoppedError(`Adding shard "${id}"`);
    if (this.#shards.has(id)) throw new DuplicateShardError(id);
    const channels = options.initialChannels === undefined ? [] : normalizeChannelNames(options.initialChannels);
    const shard = new Shard({ id, login: login === null ? null : login.toLowerCase(), runtime: this.#runtime, hooks: this.#hooks });
    this.#shards.set(id, shard);
    this.#generation++;
    // A shard that ends while the client runs (failed, or stopped by the manager) no longer holds its channels: a
    // later join() places them again instead of reporting the dead shard's `stopped` forever.
    void shard.exited.then(() => {
      if (!this.#runtime.isStopping()) this.#forgetChannelsOf(shard);
    });
    if (channels.length > 0) {
      shard.addChannels(channels).catch((error: unknown) => {
        this.#runtime.reportError(error instanceof Error ? error : new Error(String(error)), { source: 'manager', shardId: id });
      });
    }
    return shard;
  }

  /**
   * Stops a shard and forgets it (its channels are forgotten too: move them first if they should stay joined). A shard
   * that fails, or that you stop, while the client runs stays in {@link BaseShardManager.shards} but no longer holds
   * its channels ({@link BaseShardManager.shardOf} returns `undefined`), so a later `client.join()` places them again.
   *
   * @param id - The shard id; unknown ids are ignored.
   */
  async removeShard(id: string): Promise<void> {
    const shard = this.#shards.get(id);
    if (shard === undefined) return;
    this.#shards.delete(id);
    this.#generation++;
    this.#forgetChannelsOf(shard);
    await shard.stop();
  }

  #forgetChannelsOf(shard: Shard): void {
    for (const [channel, owner] of this.#owners) if (owner === shard) this.#owners.delete(channel);
  }

  /**
   * @param channel - A normalised channel login.
   * @returns The shard that holds `channel`, if any.
   */
  shardOf(channel: string): Shard | undefined {
    return this.#owners.get(channel);
  }

  /**
   * @param login - A login, or `null` for anonymous shards.
   * @returns The shards that use `login`, in the order they were added.
   */
  shardsOf(login: string | null): Shard[] {
    const key = login === null ? null : login.toLowerCase();
    return [...this.#shards.values()].filter((shard) => shard.login === key);
  }

  /**
   * Resolves the token handler's default login (`tokenHandler.getIrcToken(null)`).
   *
   * @returns The login, or `null` when the default credentials are anonymous (then add anonymous shards).
   * @throws {@link TokenHandlerError} when the token handler throws.
   */
  async resolveLogin(): Promise<string | null> {
    const credentials = await callTokenHandler('getIrcToken', null, () => this.tokenHandler.getIrcToken(null));
    return credentials.anonymous ? null : credentials.login.toLowerCase();
  }

  /**
   * Starts every shard that was never started (running, reconnecting and stopped shards are left alone).
   *
   * @returns Resolves once each of them is ready or failed.
   */
  async startAllShards(): Promise<void> {
    await Promise.all([...this.#shards.values()].filter((shard) => shard.status === 'idle').map((shard) => shard.start()));
  }

  /**
   * Stops every shard that is not stopped or failed yet, including connecting and reconnecting ones.
   *
   * @returns Resolves once they have stopped.
   */
  async stopAllShards(): Promise<void> {
    await Promise.all([...this.#shards.values()].map((shard) => shard.stop()));
  }

  /**
   * Waits until every shard has exited (stopped or failed), including shards added while waiting. Never polls, and
   * never hangs on a failed shard.
   *
   * @returns Resolves once no shard is running.
   */
  async waitUntilExit(): Promise<void> {
    for (;;) {
      const generation = this.#generation;
      await Promise.all([...this.#shards.values()].map((shard) => shard.exited));
      if (generation === this.#generation) return;
    }
  }

  /**
   * Runs `task` under the same lock as `setup`, `assignShard` and `releaseChannel`, for mutations the manager starts
   * itself (timers, re-balancing). Do not call it from inside those methods: they already hold the lock.
   *
   * @param task - The mutation.
   * @returns What `task` returns.
   */
  runExclusive<T>(task: () => T | Promise<T>): Promise<T> {
    return this.#mutex.runExclusive(task);
  }

  /**
   * The default sender choice (see {@link BaseShardManager.getSenderShard}), for overrides that extend it.
   *
   * @param channel - The target channel.
   * @param login - The login the message is sent as.
   * @returns The shard, or `undefined`.
   */
  protected pickSenderShard(channel: string, login: string): Shard | undefined {
    const candidates = this.shardsOf(login).filter((shard) => shard.status !== 'stopped' && shard.status !== 'failed');
    const owner = this.shardOf(channel);
    if (owner !== undefined && owner.status === 'ready' && candidates.includes(owner)) return owner;
    return candidates.find((shard) => shard.status === 'ready') ?? candidates[0];
  }

  /** Shows the class, shard ids and channel count, never credentials. */
  [inspectSymbol](): string {
    return `${this.constructor.name} { shards: [${[...this.#shards.keys()].map((id) => `'${id}'`).join(', ')}], channels: ${this.#owners.size} }`;
  }

  readonly #hooks: ShardHooks = {
    channelsAdded: (shardId, channels) => {
      const shard = this.#shards.get(shardId);
      if (shard === undefined) return [];
      const accepted: string[] = [];
      for (const channel of channels) {
        const owner = this.#owners.get(channel);
        if (owner !== undefined && owner !== shard) {
          this.#runtime.logger.debug('channel already held by another shard; not added', { channel, shardId, owner: owner.id });
          continue;
        }
        this.#owners.set(channel, shard);
        accepted.push(channel);
      }
      return accepted;
    },
    channelsRemoved: (shardId, channels) => {
      for (const channel of channels) if (this.#owners.get(channel)?.id === shardId) this.#owners.delete(channel);
    },
    joinStarted: (shardId, channel, result) => {
      const capture = this.#assigning;
      const shard = this.#shards.get(shardId);
      if (capture === undefined || capture.channel !== channel || shard === undefined) return;
      capture.placement ??= { shard, result };
    },
  };

  /** @internal */
  get [INTERNALS](): ShardManagerInternals {
    return {
      setup: () => this.#mutex.runExclusive(() => this.setup(this.options)),
      assign: (channel, isInitialChannel, options = {}) =>
        this.#mutex.runExclusive(async (): Promise<ChannelPlacement | undefined> => {
          const existing = this.#owners.get(channel);
          if (existing !== undefined) return { shard: existing, result: existing.joinResult(channel) };
          // The join can settle before assignShard() returns: a full room cap fails it without spending a JOIN, and a
          // join that failed for good takes the channel off its shard again. Looking the owner up afterwards would then
          // find nothing, so the join's own result is captured when the shard starts it.
          const capture: AssignCapture = { channel, placement: undefined };
          this.#assigning = capture;
          try {
            await this.assignShard(channel, isInitialChannel, options);
          } finally {
            if (this.#assigning === capture) this.#assigning = undefined;
          }
          if (capture.placement !== undefined) return capture.placement;
          const owner = this.#owners.get(channel);
          return owner === undefined ? undefined : { shard: owner, result: owner.joinResult(channel) };
        }),
      release: (channel) =>
        this.#mutex.runExclusive(async () => {
          if (this.#owners.has(channel)) await this.releaseChannel(channel);
        }),
      start: () => {
        this.#started = true;
        return this.start();
      },
      stop: () => this.#mutex.runExclusive(() => this.stop()),
      busy: this.#mutex.locked,
    };
  }
}

/**
 * The wrapped entry points the `Client` uses.
 *
 * @param manager - A manager.
 * @returns Its internals.
 * @internal
 */
export function shardManagerInternals(manager: BaseShardManager<object>): ShardManagerInternals {
  return manager[INTERNALS];
}
