import { createAnonymousCredentials } from '../auth/AnonymousTokenHandler.js';
import { AuthenticationCoordinator } from '../auth/AuthenticationCoordinator.js';
import type { BaseTokenHandler } from '../auth/BaseTokenHandler.js';
import { ClientStateError } from '../errors/ClientStateError.js';
import { ContractVersionError } from '../errors/ContractVersionError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { MissingShardManagerError } from '../errors/MissingShardManagerError.js';
import { NoSenderShardError } from '../errors/NoSenderShardError.js';
import { SendError } from '../errors/SendError.js';
import { ShardAssignmentError } from '../errors/ShardAssignmentError.js';
import { ShardStartError } from '../errors/ShardStartError.js';
import { StoppedError } from '../errors/StoppedError.js';
import { callTokenHandler } from '../errors/TokenHandlerError.js';
import { TypedEventEmitter, type EventListener, type WaitForOptions } from '../events/TypedEventEmitter.js';
import { createDeferred, inspectSymbol, toError, type Deferred } from '../internal/Deferred.js';
import type { Logger } from '../logging/Logger.js';
import type { PrivmsgMessage } from '../messages/index.js';
import { AccountLimiterRegistry } from '../ratelimit/AccountLimiterRegistry.js';
import { RATE_LIMIT_KEYS, type BotLevel, type RateLimitOverrides } from '../ratelimit/RateLimits.js';
import {
  SHARD_MANAGER_CONTRACT_VERSION,
  shardManagerInternals,
  type BaseShardManager,
  type ChannelPlacement,
  type ShardManagerClass,
} from '../sharding/BaseShardManager.js';
import type { Shard } from '../sharding/Shard.js';
import type { ShardRuntime } from '../sharding/ShardRuntime.js';
import type { Clock, TimerHandle } from '../time/Clock.js';
import {
  TRANSPORT_CONTRACT_VERSION,
  type JoinResult,
  type SendRequest,
  type SentMessage,
  type Transport,
} from '../transport/Transport.js';
import { normalizeChannelName, normalizeChannelNames } from '../validation/normalizeChannelName.js';
import { validateMessageText } from '../validation/validateMessageText.js';
import type { ReplyOptions } from './ChatMessageEvent.js';
import type { ClientEventName, ClientEvents, ErrorDetails } from './ClientEvents.js';
import {
  CLIENT_OPTION_KEYS,
  DefaultClientOptions,
  SEND_SETTLE_GRACE_MS,
  type ClientOptions,
  type DefaultShardManagerClass,
  type InitialChannels,
} from './ClientOptions.js';

/**
 * Where a client is in its life: `idle` (created), `starting`, `ready`, `stopping`, `stopped` (terminal).
 */
export type ClientState = 'idle' | 'starting' | 'ready' | 'stopping' | 'stopped';

/**
 * Options of {@link Client.send}.
 */
export interface SendOptions {
  /** Send as this login (one of the token handler's accounts). @defaultValue the token handler's default login */
  readonly as?: string;
  /** Aborting it withdraws the message if it has not been written yet (`send()` rejects with reason `aborted`). */
  readonly signal?: AbortSignal;
  /** This message's deadline in milliseconds. @defaultValue the client's `sendTimeoutMs` */
  readonly timeoutMs?: number;
}

/**
 * Options of {@link Client.join}.
 */
export interface JoinOptions {
  /**
   * Join with this login (one of the token handler's accounts), for managers that place channels by login, such as
   * `ReadOnlyShardManager` from `@tio/shard-readonly`; passed to the manager's `assignShard`. Managers of one login
   * ignore it. Channels a shard already holds stay where they are (part them first to move them).
   *
   * @defaultValue none: the manager decides
   */
  readonly as?: string;
}

/**
 * How one channel of a {@link Client.join} call settled: a {@link JoinResult}, or `assignFailed` when the shard
 * manager could not place the channel (for example `ShardCapacityError`).
 */
export type ChannelJoinResult =
  | JoinResult
  | { readonly channel: string; readonly joined: false; readonly reason: 'assignFailed'; readonly error: Error };

interface PendingSend {
  cancel(): void;
}

/**
 * A Twitch chat client spread over shards: each shard is one connection, placed and started by a shard manager.
 *
 * @typeParam T - The transport class.
 * @typeParam M - The shard manager class.
 *
 * @example
 * ```ts
 * import { Client, SimpleTokenHandler } from '@tio/core';
 * import { IrcWsTransport } from '@tio/irc-ws';
 * import { DistributedShardManager } from '@tio/shard-distributed';
 *
 * const client = new Client({
 *   tokenHandler: new SimpleTokenHandler({ login: 'mybot', token: process.env.TWITCH_TOKEN! }),
 *   transport: IrcWsTransport,
 *   shardManager: DistributedShardManager,
 *   channelsPerShard: 10,
 *   initialChannels: ['channel_one', 'channel_two'],
 * });
 * client.on('message', async (message) => {
 *   if (message.text === '!ping') await message.reply('pong');
 * });
 * await client.start();
 * ```
 */
export class Client<
  T extends Transport<never> = Transport<never>,
  M extends ShardManagerClass<BaseShardManager<object>> = DefaultShardManagerClass,
> {
  /** The token handler shards get their credentials from. */
  readonly tokenHandler: BaseTokenHandler;
  /** One rate limiter per account, shared by every shard of that account. */
  readonly limiters: AccountLimiterRegistry;

  readonly #events: TypedEventEmitter<ClientEvents>;
  readonly #transport: Transport<object>;
  readonly #transportOptions: object;
  readonly #managerClass: ShardManagerClass | undefined;
  readonly #managerOptions: Readonly<Record<string, unknown>>;
  readonly #initialChannels: InitialChannels;
  readonly #moderatedChannels: readonly string[];
  readonly #sendTimeoutMs: number;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #specifier: string;
  readonly #ownLogins = new Set<string>();
  readonly #pendingSends = new Set<PendingSend>();
  readonly #stopSignal: Deferred<never> = createDeferred<never>();
  readonly #managerReady: Deferred<BaseShardManager<object>> = createDeferred<BaseShardManager<object>>();
  readonly #runtime: ShardRuntime;
  #state: ClientState = 'idle';
  #manager: BaseShardManager<object> | undefined;
  #defaultLogin: string | null | undefined;
  #startPromise: Promise<void> | undefined;
  #stopPromise: Promise<void> | undefined;

  /**
   * Creates a client and validates every option; nothing connects before {@link Client.start}.
   *
   * @param options - See {@link ClientOptions}.
   * @throws `TypeError` when `shardManager` or `transport` is not a class (for example an instance);
   *   {@link ContractVersionError} when either was built for another contract version; {@link InvalidOptionError}
   *   for unknown option names or bad values; `InvalidChannelError` for invalid initial channel names.
   */
  constructor(options: ClientOptions<T, M>) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('new Client(options) expects an options object with at least tokenHandler and transport.');
    }
    const record = options as unknown as Readonly<Record<string, unknown>>;
    const managerClass = checkManagerClass(record['shardManager']);
    this.#transport = checkTransport(record['transport']);
    this.#managerClass = managerClass;

    const tokenHandler = record['tokenHandler'];
    if (typeof tokenHandler !== 'object' || tokenHandler === null || typeof (tokenHandler as BaseTokenHandler).getIrcToken !== 'function') {
      throw InvalidOptionError.badValue('Client', 'tokenHandler', tokenHandler, 'a token handler such as new SimpleTokenHandler({ login, token })');
    }
    this.tokenHandler = tokenHandler as BaseTokenHandler;

    // Unknown names: the client's own, plus the manager's declared option keys. Without a manager class the default
    // manager's keys are only known once it is loaded, in start().
    const managerKeys = new Set(managerClass?.optionKeys ?? []);
    const managerOptions: Record<string, unknown> = {};
    const unknown: string[] = [];
    for (const key of Object.keys(record)) {
      if (record[key] === undefined) continue;
      if (CLIENT_OPTION_KEYS.includes(key)) continue;
      if (managerKeys.has(key) || managerClass === undefined) managerOptions[key] = record[key];
      else unknown.push(key);
    }
    if (unknown.length > 0) {
      throw InvalidOptionError.unknownKeys(`Client (with ${managerClass?.name ?? 'its shard manager'})`, unknown, [...CLIENT_OPTION_KEYS, ...managerKeys]);
    }
    this.#managerOptions = Object.freeze(managerOptions);
    managerClass?.validateOptions(this.#managerOptions);

    const transportOptions = record['transportOptions'] ?? {};
    if (typeof transportOptions !== 'object' || transportOptions === null) {
      throw InvalidOptionError.badValue('Client', 'transportOptions', transportOptions, 'an object');
    }
    this.#transportOptions = transportOptions;

    const initialChannels = (record['initialChannels'] ?? DefaultClientOptions.initialChannels) as InitialChannels;
    if (typeof initialChannels === 'function') {
      this.#initialChannels = initialChannels;
    } else if (typeof initialChannels === 'object' && initialChannels !== null && Symbol.iterator in initialChannels && typeof initialChannels !== 'string') {
      this.#initialChannels = normalizeChannelNames(initialChannels);
    } else {
      throw InvalidOptionError.badValue('Client', 'initialChannels', initialChannels, 'an array of channel names or a function returning one');
    }

    const moderatedChannels = record['moderatedChannels'] ?? DefaultClientOptions.moderatedChannels;
    if (typeof moderatedChannels !== 'object' || moderatedChannels === null || !(Symbol.iterator in moderatedChannels) || typeof moderatedChannels === 'string') {
      throw InvalidOptionError.badValue('Client', 'moderatedChannels', moderatedChannels, 'an array of channel names');
    }
    this.#moderatedChannels = normalizeChannelNames(moderatedChannels as Iterable<string>);

    this.#sendTimeoutMs = checkPositive('sendTimeoutMs', record['sendTimeoutMs'] ?? DefaultClientOptions.sendTimeoutMs);
    const botLevel = (record['botLevel'] ?? DefaultClientOptions.botLevel) as BotLevel;
    if (botLevel !== 'regular' && botLevel !== 'verified') {
      throw InvalidOptionError.badValue('Client', 'botLevel', botLevel, "'regular' or 'verified'");
    }
    const rateLimits = checkRateLimits(record['rateLimits'] ?? DefaultClientOptions.rateLimits);
    const anonymousRateLimits = checkRateLimits(record['anonymousRateLimits'] ?? DefaultClientOptions.anonymousRateLimits, 'anonymousRateLimits');
    this.#clock = checkMethods('clock', record['clock'] ?? DefaultClientOptions.clock, ['now', 'setTimeout', 'clearTimeout']) as Clock;
    this.#logger = checkMethods('logger', record['logger'] ?? DefaultClientOptions.logger, ['debug', 'info', 'warn', 'error']) as Logger;
    const specifier = record['defaultShardManagerSpecifier'] ?? DefaultClientOptions.defaultShardManagerSpecifier;
    if (typeof specifier !== 'string' || specifier.length === 0) {
      throw InvalidOptionError.badValue('Client', 'defaultShardManagerSpecifier', specifier, 'a module specifier string');
    }
    this.#specifier = specifier;

    this.#events = new TypedEventEmitter<ClientEvents>({
      clock: this.#clock,
      onListenerError: (error, event) => {
        if (event === 'error') {
          this.#safeLog('error', 'an error listener threw', { error: error.message });
          return;
        }
        this.#reportError(error, { source: 'listener', event });
      },
    });
    this.limiters = new AccountLimiterRegistry({
      botLevel,
      rateLimits,
      anonymousRateLimits,
      clock: this.#clock,
      onRateLimited: (event) => this.#events.emit('rateLimited', event),
    });
    // Nobody awaits these unless start() or a call is in progress.
    this.#stopSignal.promise.catch(() => undefined);
    this.#managerReady.promise.catch(() => undefined);
    this.#runtime = this.#createRuntime();
  }

  /** Where the client is in its life. */
  get state(): ClientState {
    return this.#state;
  }

  /** The shard manager instance, once `start()` created it. */
  get shardManager(): InstanceType<M> | undefined {
    return this.#manager as InstanceType<M> | undefined;
  }

  /** Every shard, by id (empty before `start()`). */
  get shards(): ReadonlyMap<string, Shard> {
    return this.#manager?.shards ?? new Map<string, Shard>();
  }

  /** The token handler's default login once `start()` resolved it; `null` when it is anonymous. */
  get defaultLogin(): string | null | undefined {
    return this.#defaultLogin;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Events.

  /**
   * Adds an event listener. A listener that throws or rejects produces an `error` event.
   *
   * @param event - The event name.
   * @param listener - Called with the event's arguments.
   * @returns This client.
   */
  on<K extends ClientEventName>(event: K, listener: EventListener<ClientEvents, K>): this {
    this.#events.on(event, listener);
    return this;
  }

  /**
   * Adds a listener called at most once.
   *
   * @param event - The event name.
   * @param listener - Called with the event's arguments.
   * @returns This client.
   */
  once<K extends ClientEventName>(event: K, listener: EventListener<ClientEvents, K>): this {
    this.#events.once(event, listener);
    return this;
  }

  /**
   * Removes an event listener.
   *
   * @param event - The event name.
   * @param listener - The listener.
   * @returns This client.
   */
  off<K extends ClientEventName>(event: K, listener: EventListener<ClientEvents, K>): this {
    this.#events.off(event, listener);
    return this;
  }

  /**
   * Waits for the next `event` that passes `filter`.
   *
   * @param event - The event name.
   * @param options - A filter, an abort signal and a time limit.
   * @returns The event's arguments.
   * @throws `TimeoutError` after `timeoutMs`; the signal's reason on abort; `StoppedError` when the client stops, and
   *   at once when it is already stopping or stopped.
   *
   * @example
   * ```ts
   * const [channel] = await client.waitFor('join', { filter: (channel) => channel === 'foo', timeoutMs: 10_000 });
   * ```
   */
  waitFor<K extends ClientEventName>(event: K, options: WaitForOptions<ClientEvents[K]> = {}): Promise<ClientEvents[K]> {
    return this.#events.waitFor(event, options);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Lifecycle.

  /**
   * Starts the client: resolves the initial channels and default login, creates the shard manager, places the
   * initial channels and starts the shards (see `BaseShardManager` for the exact order). Idempotent while running.
   *
   * @returns Resolves once every initial shard is ready and every initial join has settled (then `ready` is emitted).
   * @throws The first initial shard's failure (for example `AuthenticationError`, or `TokenHandlerError` when the
   *   token handler throws), `setup`'s or the manager's error, `MissingShardManagerError`, or `StoppedError` when
   *   `stop()` was called first; the client is then stopped.
   *   {@link ClientStateError} when the client was already stopped.
   */
  start(): Promise<void> {
    if (this.#state === 'stopping' || this.#state === 'stopped') {
      return Promise.reject(new ClientStateError('start()', this.#state, 'A stopped client cannot be restarted; create a new Client.'));
    }
    this.#startPromise ??= this.#start();
    return this.#startPromise;
  }

  /**
   * Stops the client gracefully: stops the manager and every shard, settles pending joins and sends (`stopped`),
   * cancels rate-limiter waits and timers. Idempotent; resolves even while `start()` is still connecting.
   *
   * @returns Resolves once everything stopped.
   */
  stop(): Promise<void> {
    this.#stopPromise ??= this.#stop();
    return this.#stopPromise;
  }

  /**
   * Stops the client (`await using client = new Client(...)`).
   *
   * @returns Resolves once stopped.
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Channels and messages.

  /**
   * Joins channels, each through the shard manager's `assignShard(channel, false)`. Channels already held by a shard
   * are not assigned again.
   *
   * @param channels - One channel name or several (normalised here).
   * @param options - Which login should join them, for managers that place channels by login.
   * @returns One result per distinct channel, once each join settled.
   * @throws `InvalidChannelError` listing invalid names; {@link InvalidOptionError} for an `as` that is not a
   *   non-empty string; {@link ClientStateError} before `start()` or after `stop()`.
   */
  async join(channels: string | Iterable<string>, options: JoinOptions = {}): Promise<readonly ChannelJoinResult[]> {
    const names = normalizeChannelNames(typeof channels === 'string' ? [channels] : channels);
    if (options.as !== undefined && (typeof options.as !== 'string' || options.as.length === 0)) {
      throw InvalidOptionError.badValue('Client.join', 'as', options.as, "a login such as 'mybot'");
    }
    const assignOptions = options.as === undefined ? {} : { as: options.as.toLowerCase() };
    const manager = await this.#managerFor('join()');
    const internals = shardManagerInternals(manager);
    return Promise.all(
      names.map(async (channel): Promise<ChannelJoinResult> => {
        let placement: ChannelPlacement | undefined;
        try {
          placement = await internals.assign(channel, false, assignOptions);
        } catch (error) {
          return { channel, joined: false, reason: 'assignFailed', error: toError(error) };
        }
        if (placement === undefined) {
          const error = new ShardAssignmentError({
            manager: manager.constructor.name,
            channel,
            detail: 'assignShard() returned without placing it on a shard',
            nextStep: 'assignShard() must call shard.addChannels([channel]) on some shard, or throw (for example ShardCapacityError).',
          });
          return { channel, joined: false, reason: 'assignFailed', error };
        }
        return placement.result;
      }),
    );
  }

  /**
   * Leaves channels, each through the shard manager's `releaseChannel`. Parted channels are not re-joined after a
   * reconnect; unknown channels are ignored.
   *
   * @param channels - One channel name or several (normalised here).
   * @returns Resolves once every channel was released.
   * @throws `InvalidChannelError` listing invalid names; {@link ClientStateError} before `start()` or after `stop()`;
   *   the manager's error.
   */
  async part(channels: string | Iterable<string>): Promise<void> {
    const names = normalizeChannelNames(typeof channels === 'string' ? [channels] : channels);
    const internals = shardManagerInternals(await this.#managerFor('part()'));
    await Promise.all(names.map((channel) => internals.release(channel)));
  }

  /**
   * Sends a chat message through the shard the manager's `getSenderShard(channel, login)` picks. The text and channel
   * are validated first; then the message waits for the account's rate limits and is sent exactly once, or dropped at
   * its deadline.
   *
   * @param channel - The target channel.
   * @param text - The text: at most 500 code points, no CR, LF or NUL.
   * @param options - Which login to send as, an abort signal and a deadline.
   * @returns The sent message.
   * @throws `InvalidMessageError`, `InvalidChannelError`, {@link NoSenderShardError} (no shard of that login),
   *   {@link SendError} (with a reason: `duplicate`, `rateLimited`, `banned`, `slowMode`, `timeout`, `stopped`,
   *   `aborted` when `options.signal` withdrew the message before it was written, …),
   *   {@link ClientStateError} before `start()`.
   */
  async send(channel: string, text: string, options: SendOptions = {}): Promise<SentMessage> {
    validateMessageText(text);
    const target = normalizeChannelName(channel);
    return this.#send(target, text, options, undefined, undefined);
  }

  /** Shows the state, never credentials. */
  [inspectSymbol](): string {
    const login = this.#defaultLogin === undefined ? 'undefined' : this.#defaultLogin === null ? 'null' : `'${this.#defaultLogin}'`;
    return `Client { state: '${this.#state}', defaultLogin: ${login}, shards: ${this.shards.size}, manager: ${this.#manager?.constructor.name ?? this.#managerClass?.name ?? 'default'} }`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Internals.

  async #start(): Promise<void> {
    this.#state = 'starting';
    let initialShards: Shard[] = [];
    try {
      const channels = await this.#race(this.#resolveInitialChannels());
      const credentials = await this.#race(callTokenHandler('getIrcToken', null, () => this.tokenHandler.getIrcToken(null)));
      this.#defaultLogin = credentials.anonymous ? null : credentials.login.toLowerCase();
      if (this.#defaultLogin !== null) {
        this.#ownLogins.add(this.#defaultLogin);
        const limiter = this.limiters.get(this.#defaultLogin);
        for (const channel of this.#moderatedChannels) limiter.setChannelRole(channel, 'moderator', { declared: true });
      }
      const ManagerClass = this.#managerClass ?? (await this.#race(this.#loadDefaultManager()));
      const manager = new ManagerClass({
        client: this as unknown as Client,
        tokenHandler: this.tokenHandler,
        initialChannels: channels,
        options: this.#managerOptions,
        runtime: this.#runtime,
      });
      this.#manager = manager;
      const internals = shardManagerInternals(manager);
      await this.#race(internals.setup());
      for (const channel of channels) {
        try {
          await this.#race(internals.assign(channel, true));
        } catch (error) {
          if (StoppedError.isInstance(error) && this.#stopPromise !== undefined) throw error;
          this.#reportError(toError(error), { source: 'manager', channel });
        }
      }
      this.#managerReady.resolve(manager);
      initialShards = [...manager.shards.values()];
      const run = Promise.resolve().then(() => internals.start());
      void run.then(undefined, (error: unknown) => {
        if (this.#state === 'ready') this.#reportError(toError(error), { source: 'manager' });
      });
      const started = Promise.all(initialShards.map((shard) => shard.whenStarted()));
      await this.#race(Promise.race([started, run.then(() => started)]));
      const failed = initialShards.find((shard) => shard.status === 'failed');
      if (failed !== undefined) throw failed.failure ?? new ShardStartError(failed.id);
      await this.#race(Promise.all(initialShards.map((shard) => shard.joinsSettled())));
      this.#state = 'ready';
      this.#events.emit('ready');
    } catch (error) {
      this.#managerReady.reject(error);
      await this.stop();
      throw error;
    }
  }

  async #stop(): Promise<void> {
    this.#state = 'stopping';
    this.#stopSignal.reject(new StoppedError('client.start()'));
    this.#managerReady.reject(new ClientStateError('use the shard manager', 'stopping', 'The client stopped.'));
    this.#events.cancelWaits();
    for (const send of [...this.#pendingSends]) send.cancel();
    const manager = this.#manager;
    if (manager !== undefined) {
      const internals = shardManagerInternals(manager);
      // An assignment in flight (a join) may be waiting on a shard's login: stop the shards it could wait on, so it
      // ends. New shards are refused from now on (addShard throws StoppedError, Shard.start does not connect).
      if (internals.busy) await Promise.all([...manager.shards.values()].map((shard) => shard.stop()));
      try {
        // Under the manager's lock, so the manager's stop() runs after any in-flight assignShard and sees every shard
        // it added.
        await internals.stop();
      } catch (error) {
        this.#reportError(toError(error), { source: 'manager' });
      }
      // Whatever the manager did, nothing may keep running after stop() (design note B6).
      await Promise.all([...manager.shards.values()].map((shard) => shard.stop()));
    }
    this.limiters.dispose();
    this.#state = 'stopped';
  }

  /** Races `promise` against `stop()`, so `start()` never hangs past a stop. */
  #race<V>(promise: Promise<V>): Promise<V> {
    return Promise.race([promise, this.#stopSignal.promise]);
  }

  async #resolveInitialChannels(): Promise<readonly string[]> {
    const source = this.#initialChannels;
    if (typeof source !== 'function') return source as readonly string[];
    const channels = await source();
    return normalizeChannelNames(channels);
  }

  async #loadDefaultManager(): Promise<ShardManagerClass> {
    let loaded: unknown;
    try {
      loaded = await import(this.#specifier);
    } catch (error) {
      throw new MissingShardManagerError(this.#specifier, error);
    }
    const candidate = (loaded as { DefaultShardManager?: unknown } | null)?.DefaultShardManager;
    if (typeof candidate !== 'function') throw new MissingShardManagerError(this.#specifier);
    const ManagerClass = checkManagerClass(candidate) as ShardManagerClass;
    const valid = new Set(ManagerClass.optionKeys);
    const unknown = Object.keys(this.#managerOptions).filter((key) => !valid.has(key));
    if (unknown.length > 0) {
      throw InvalidOptionError.unknownKeys(`Client (with ${ManagerClass.name})`, unknown, [...CLIENT_OPTION_KEYS, ...valid]);
    }
    ManagerClass.validateOptions(this.#managerOptions);
    return ManagerClass;
  }

  async #managerFor(action: string): Promise<BaseShardManager<object>> {
    if (this.#state === 'idle') {
      throw new ClientStateError(action, 'idle', 'Call await client.start() first.');
    }
    if (this.#state === 'stopping' || this.#state === 'stopped') {
      throw new ClientStateError(action, this.#state, 'Create a new Client to continue.');
    }
    return this.#managerReady.promise;
  }

  async #send(
    channel: string,
    text: string,
    options: SendOptions,
    replyParentMessageId: string | undefined,
    receivedByLogin: string | null | undefined,
  ): Promise<SentMessage> {
    const manager = await this.#managerFor('send()');
    const login = options.as !== undefined ? options.as.toLowerCase() : (receivedByLogin ?? this.#defaultLogin ?? null);
    if (login === null) throw new SendError('anonymous', { channel, detail: 'the default login is anonymous' });
    const shard = await manager.getSenderShard(channel, login);
    if (shard === undefined || shard === null || shard.login !== login) throw new NoSenderShardError(channel, login);
    const timeoutMs = options.timeoutMs === undefined ? this.#sendTimeoutMs : checkPositive('timeoutMs', options.timeoutMs);
    const controller = new AbortController();
    const request: SendRequest = {
      channel,
      text,
      deadline: this.#clock.now() + timeoutMs,
      signal: controller.signal,
      ...(replyParentMessageId === undefined ? {} : { replyParentMessageId }),
    };
    const userSignal = options.signal;
    const forwardAbort = (): void => controller.abort(userSignal?.reason);
    if (userSignal?.aborted) controller.abort(userSignal.reason);
    else userSignal?.addEventListener('abort', forwardAbort, { once: true });

    return new Promise<SentMessage>((resolve, reject) => {
      let settled = false;
      let timer: TimerHandle | undefined;
      const pending: PendingSend = {
        cancel: () => finish(new SendError('stopped', { channel, shardId: shard.id })),
      };
      const finish = (error: Error | undefined, sent?: SentMessage): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) this.#clock.clearTimeout(timer);
        this.#pendingSends.delete(pending);
        userSignal?.removeEventListener('abort', forwardAbort);
        if (error === undefined) {
          resolve(sent as SentMessage);
        } else {
          if (!controller.signal.aborted) controller.abort(error);
          reject(error);
        }
      };
      this.#pendingSends.add(pending);
      // Safety net against a broken transport only: a correct one settles by itself (at the deadline when nothing was
      // written, or once Twitch confirmed or the confirmation wait ran out). See SEND_SETTLE_GRACE_MS.
      timer = this.#clock.setTimeout(
        () => finish(new SendError('timeout', { channel, shardId: shard.id, detail: `not settled within ${timeoutMs} ms` })),
        timeoutMs + SEND_SETTLE_GRACE_MS,
      );
      shard.send(request).then(
        (sent) => finish(undefined, sent),
        (error: unknown) => finish(toError(error)),
      );
    });
  }

  /**
   * Reports an error through the `error` event (or the logger when nobody listens), exactly as the client does for
   * its own failures. For subclasses that add work of their own, such as `@tio/commands`' `Bot`, so their failures
   * reach the same `error` listeners instead of crashing the process.
   *
   * @param error - What went wrong.
   * @param details - Where it happened.
   */
  protected reportError(error: Error, details: ErrorDetails): void {
    this.#reportError(error, details);
  }

  #reportError(error: Error, details: ErrorDetails): void {
    if (this.#events.listenerCount('error') > 0) {
      this.#events.emit('error', error, details);
      return;
    }
    this.#safeLog('error', error.message, { ...details, code: (error as { code?: unknown }).code });
  }

  #safeLog(level: keyof Logger, message: string, fields: Readonly<Record<string, unknown>>): void {
    try {
      this.#logger[level](message, fields);
    } catch {
      // A failing logger must not break the client.
    }
  }

  #createRuntime(): ShardRuntime {
    return {
      transport: this.#transport,
      transportOptions: this.#transportOptions,
      tokenHandler: this.tokenHandler,
      limiters: this.limiters,
      authentication: new AuthenticationCoordinator(),
      clock: this.#clock,
      logger: this.#logger,
      emit: (event, ...args) => {
        this.#events.emit(event, ...args);
      },
      reportError: (error, details) => this.#reportError(error, details),
      isOwnLogin: (login) => this.#ownLogins.has(login),
      addOwnLogin: (login) => {
        this.#ownLogins.add(login.toLowerCase());
      },
      reply: async (message: PrivmsgMessage, receivedBy: string, text: string, options: ReplyOptions = {}) => {
        validateMessageText(text);
        const receivedByLogin = this.#manager?.shards.get(receivedBy)?.login;
        return this.#send(message.channel, text, options, message.id === '' ? undefined : message.id, receivedByLogin);
      },
      anonymousCredentials: () => createAnonymousCredentials(),
      isStopping: () => this.#state === 'stopping' || this.#state === 'stopped',
    };
  }
}

function checkManagerClass(value: unknown): ShardManagerClass | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') {
    const name = (value as { constructor?: { name?: string } } | null)?.constructor?.name;
    throw new TypeError(
      `shardManager must be a shard manager class, not ${value === null ? 'null' : `an instance${name ? ` of ${name}` : ''}`}. ` +
        `Pass the class itself (shardManager: ${name && name !== 'Object' ? name : 'DistributedShardManager'}); the client creates the instance when it starts.`,
    );
  }
  const candidate = value as Partial<ShardManagerClass> & { name: string; prototype?: { assignShard?: unknown } };
  if (candidate.contractVersion !== SHARD_MANAGER_CONTRACT_VERSION) {
    throw new ContractVersionError('shard manager', candidate.name, SHARD_MANAGER_CONTRACT_VERSION, candidate.contractVersion);
  }
  if (typeof candidate.prototype?.assignShard !== 'function' || !Array.isArray(candidate.optionKeys) || typeof candidate.validateOptions !== 'function') {
    throw new TypeError(`shardManager ${candidate.name} does not extend BaseShardManager from @tio/core (assignShard, optionKeys or validateOptions is missing).`);
  }
  return value as ShardManagerClass;
}

function checkTransport(value: unknown): Transport<object> {
  if (typeof value !== 'function') {
    throw new TypeError(
      `transport must be a transport class such as IrcWsTransport from @tio/irc-ws, not ${value === undefined ? 'undefined' : value === null ? 'null' : 'an instance or other value'}. Pass the class itself; each shard creates its own connection.`,
    );
  }
  const candidate = value as { contractVersion?: unknown; name: string };
  if (candidate.contractVersion !== TRANSPORT_CONTRACT_VERSION) {
    throw new ContractVersionError('transport', candidate.name, TRANSPORT_CONTRACT_VERSION, candidate.contractVersion);
  }
  return value as Transport<object>;
}

function checkPositive(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw InvalidOptionError.badValue('Client', option, value, 'a finite number of milliseconds > 0');
  }
  return value;
}

function checkMethods(option: string, value: unknown, methods: readonly string[]): object {
  if (typeof value !== 'object' || value === null || methods.some((method) => typeof (value as Record<string, unknown>)[method] !== 'function')) {
    throw InvalidOptionError.badValue('Client', option, value, `an object with ${methods.join(', ')} methods`);
  }
  return value;
}

function checkRateLimits(value: unknown, option = 'rateLimits'): RateLimitOverrides {
  if (typeof value !== 'object' || value === null) {
    throw InvalidOptionError.badValue('Client', option, value, 'an object of rate limit overrides');
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !(RATE_LIMIT_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) throw InvalidOptionError.unknownKeys(`Client ${option}`, unknown, RATE_LIMIT_KEYS);
  for (const [key, entry] of Object.entries(record)) {
    if (entry === undefined) continue;
    if (key === 'safetyMargin' || key === 'channelSafetyMargin') {
      if (typeof entry !== 'number' || !(entry >= 0) || entry > 1) {
        throw InvalidOptionError.badValue('Client', `${option}.${key}`, entry, 'a fraction between 0 and 1');
      }
    } else if (key === 'concurrentRooms') {
      if (typeof entry !== 'number' || !(entry >= 1)) {
        throw InvalidOptionError.badValue('Client', `${option}.concurrentRooms`, entry, 'a number >= 1');
      }
    } else {
      if (typeof entry !== 'object' || entry === null) {
        throw InvalidOptionError.badValue('Client', `${option}.${key}`, entry, 'an object { limit?, windowMs? }');
      }
      for (const [field, number] of Object.entries(entry as Record<string, unknown>)) {
        if (field !== 'limit' && field !== 'windowMs') {
          throw InvalidOptionError.unknownKeys(`Client ${option}.${key}`, [field], ['limit', 'windowMs']);
        }
        if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0 || (field === 'limit' && !Number.isInteger(number))) {
          throw InvalidOptionError.badValue('Client', `${option}.${key}.${field}`, number, field === 'limit' ? 'an integer >= 1' : 'a number of milliseconds > 0');
        }
      }
    }
  }
  return value as RateLimitOverrides;
}
