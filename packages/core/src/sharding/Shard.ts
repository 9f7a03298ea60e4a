import type { LoginAuthentication } from '../auth/AuthenticationCoordinator.js';
import type { IrcCredentials } from '../auth/IrcCredentials.js';
import { createChatMessageEvent } from '../client/ChatMessageEvent.js';
import { AuthenticationError } from '../errors/AuthenticationError.js';
import { SendError } from '../errors/SendError.js';
import { StoppedError } from '../errors/StoppedError.js';
import { callTokenHandler, toTokenHandlerError } from '../errors/TokenHandlerError.js';
import { createDeferred, inspectSymbol, toError, type Deferred } from '../internal/Deferred.js';
import { ReadonlySetView } from '../internal/ReadonlySetView.js';
import type { LogFields, Logger } from '../logging/Logger.js';
import type { TwitchMessage, UserStateMessage } from '../messages/index.js';
import type { ChannelRole } from '../ratelimit/AccountLimiter.js';
import type { AccountRateLimiter } from '../ratelimit/AccountRateLimiter.js';
import type {
  DisconnectReason,
  JoinFailureReason,
  JoinResult,
  SendRequest,
  SentMessage,
  ShardStatus,
  TransportConnection,
  TransportContext,
  TransportEventSink,
} from '../transport/Transport.js';
import { normalizeChannelNames } from '../validation/normalizeChannelName.js';
import type { ShardHooks, ShardRuntime } from './ShardRuntime.js';

/**
 * Options of {@link Shard.start}.
 */
export interface ShardStartOptions {
  /**
   * `true`: resolve only once the shard exits (stopped or failed). `false`: resolve once it is ready the first time,
   * or failed.
   *
   * @defaultValue `false`
   */
  readonly block?: boolean;
}

/**
 * How a shard is created; only `BaseShardManager.addShard` builds shards.
 *
 * @internal
 */
export interface ShardOptions {
  /** The shard id. */
  readonly id: string;
  /** The login, or `null` for an anonymous reader. */
  readonly login: string | null;
  /** The client's collaborators. */
  readonly runtime: ShardRuntime;
  /** The manager base's bookkeeping. */
  readonly hooks: ShardHooks;
}

const TERMINAL: ReadonlySet<ShardStatus> = new Set(['stopped', 'failed']);

/**
 * One connection to Twitch chat, as a shard manager sees it: its id, login, status and channels, and the verbs to
 * start, stop, add and remove channels and send. Shards are created by `BaseShardManager.addShard`.
 *
 * A shard owns one `TransportConnection`; starting or stopping is state-based and idempotent (design note B6):
 * starting a started shard or stopping a stopped one does nothing.
 *
 * @example
 * ```ts
 * const shard = this.addShard('extra-1', login);
 * await shard.start();                  // resolves once ready (or failed)
 * await shard.addChannels(['somechannel']);
 * console.log(shard.status, shard.channelCount);
 * ```
 */
export class Shard {
  /** The shard id, unique within its client. */
  readonly id: string;
  /** The login this shard uses; `null` for an anonymous reader. */
  readonly login: string | null;
  /** Resolves (never rejects) once the shard is stopped or failed. */
  readonly exited: Promise<void>;

  readonly #runtime: ShardRuntime;
  readonly #hooks: ShardHooks;
  readonly #connection: TransportConnection;
  readonly #limiter: AccountRateLimiter;
  readonly #desired = new Set<string>();
  readonly #channelsView = new ReadonlySetView(() => this.#desired);
  readonly #joinedView: ReadonlySetView<string>;
  readonly #pendingJoins = new Map<string, Promise<JoinResult>>();
  readonly #joinWaiters = new Map<string, Array<Deferred<JoinResult>>>();
  readonly #joinOutcomes = new Map<string, Deferred<JoinResult>>();
  readonly #exited: Deferred<void> = createDeferred<void>();
  readonly #settled: Deferred<void> = createDeferred<void>();
  #status: ShardStatus = 'idle';
  #failure: Error | undefined;
  #started = false;
  #stopPromise: Promise<void> | undefined;
  #refreshUsed = false;
  #anonymousCredentials: IrcCredentials | undefined;
  /** The login's shared authentication state (one refresh and one unverified attempt at a time per account). */
  readonly #authentication: LoginAuthentication | undefined;
  /** The credentials last handed to the transport: what `ready` verifies and a final failure condemns. */
  #lastCredentials: IrcCredentials | undefined;
  /** Aborted when the shard ends, so a wait for a sibling's login verdict never outlives it. */
  readonly #authenticationAbort = new AbortController();

  /**
   * Creates a shard. Use `BaseShardManager.addShard` instead.
   *
   * @param options - The id, login and the client's collaborators.
   * @internal
   */
  constructor(options: ShardOptions) {
    this.id = options.id;
    this.login = options.login;
    this.#runtime = options.runtime;
    this.#hooks = options.hooks;
    this.exited = this.#exited.promise;
    this.#limiter = this.#runtime.limiters.get(this.login);
    this.#authentication = this.login === null ? undefined : this.#runtime.authentication.get(this.login);
    const context = this.#createContext();
    this.#connection = new this.#runtime.transport(context, this.#runtime.transportOptions);
    this.#joinedView = new ReadonlySetView(() => this.#connection.joinedChannels);
  }

  /** Where the shard is in its life: `idle`, `connecting`, `ready`, `reconnecting`, `stopped` or `failed`. */
  get status(): ShardStatus {
    return this.#status;
  }

  /** The channels this shard should be in (added and not removed): live and read-only. */
  get channels(): ReadonlySet<string> {
    return this.#channelsView;
  }

  /** The channels the server confirmed on the current connection: live and read-only. */
  get joinedChannels(): ReadonlySet<string> {
    return this.#joinedView;
  }

  /** How many channels this shard should be in; what capacity decisions count. */
  get channelCount(): number {
    return this.#desired.size;
  }

  /** How many joins are still waiting for an answer. */
  get pendingJoinCount(): number {
    return this.#pendingJoins.size;
  }

  /** Why the shard failed, when its status is `failed`. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /**
   * Starts the shard: connects and logs in, then joins its channels. Does nothing when already started, stopped
   * or failed. Once the client is stopping, the shard is stopped instead of connecting (status `stopped`).
   *
   * @param options - Whether to wait until the shard exits.
   * @returns Resolves once ready or failed (`block: false`), or once stopped or failed (`block: true`). Never
   *   rejects: a failure sets {@link Shard.status} to `failed`, {@link Shard.failure}, and emits `error`.
   */
  start(options: ShardStartOptions = {}): Promise<void> {
    if (!this.#started && !TERMINAL.has(this.#status) && this.#runtime.isStopping()) {
      // Started after client.stop() was called: it would connect once stop() resolved and leak its socket.
      this.#log('warn', 'shard started while the client is stopping; it is stopped instead');
      return this.stop();
    }
    if (!this.#started && !TERMINAL.has(this.#status)) {
      this.#started = true;
      this.#connection.start().then(
        () => {
          if (this.#status === 'idle' || this.#status === 'connecting') this.#setStatus('ready');
          this.#settled.resolve();
        },
        (error: unknown) => this.#fail(toError(error)),
      );
      this.#connection.exited.then(
        () => this.#onConnectionExited(),
        () => this.#onConnectionExited(),
      );
    }
    return options.block === true ? this.exited : this.whenStarted();
  }

  /**
   * @returns Resolves once the shard is ready for the first time, stopped or failed.
   */
  whenStarted(): Promise<void> {
    if (TERMINAL.has(this.#status)) return Promise.resolve();
    return this.#settled.promise;
  }

  /**
   * Stops the shard for good: closes the connection, cancels its timers and settles pending joins and sends.
   * Idempotent; resolves even while connecting.
   *
   * @returns Resolves once stopped.
   */
  stop(): Promise<void> {
    this.#stopPromise ??= this.#stop();
    return this.#stopPromise;
  }

  /**
   * Adds channels to this shard and starts joining them (now if ready, else after login). Channels already on this
   * shard are ignored; channels another shard holds are skipped (one channel lives on one shard).
   *
   * @param channels - Channel names (normalised here).
   * @returns Resolves once the channels are recorded, not when Twitch confirms; see {@link Shard.joinResult}.
   * @throws {@link InvalidChannelError} for invalid names; {@link StoppedError} when the shard is stopped or failed.
   */
  async addChannels(channels: Iterable<string>): Promise<void> {
    const names = normalizeChannelNames(channels);
    if (TERMINAL.has(this.#status)) throw new StoppedError(`Adding channels to shard "${this.id}"`);
    const fresh = names.filter((channel) => !this.#desired.has(channel));
    if (fresh.length === 0) return;
    const accepted = this.#hooks.channelsAdded(this.id, fresh);
    if (accepted.length === 0) return;
    for (const channel of accepted) this.#desired.add(channel);
    let results: Promise<readonly JoinResult[]>;
    try {
      results = this.#connection.addChannels(accepted);
    } catch (error) {
      results = Promise.reject(error as Error);
    }
    const settled = results.then(
      (list) => list,
      (error: unknown) => {
        this.#runtime.reportError(toError(error), { source: 'shard', shardId: this.id });
        return accepted.map((channel): JoinResult => ({ channel, joined: false, reason: 'stopped' }));
      },
    );
    for (const channel of accepted) {
      // The first outcome wins: the sink's `join`/`joinFailure` carries the real reason, while the transport's list
      // may say `stopped` for a channel the shard removed in reaction to that very failure (#dropChannel).
      const outcome = createDeferred<JoinResult>();
      this.#joinOutcomes.set(channel, outcome);
      void settled.then((list) =>
        outcome.resolve(list.find((entry) => entry.channel === channel) ?? { channel, joined: false, reason: 'stopped' }),
      );
      const result = outcome.promise;
      this.#pendingJoins.set(channel, result);
      this.#hooks.joinStarted(this.id, channel, result);
      void result.then((entry) => {
        if (this.#pendingJoins.get(channel) === result) this.#pendingJoins.delete(channel);
        if (this.#joinOutcomes.get(channel) === outcome) this.#joinOutcomes.delete(channel);
        this.#settleJoin(entry);
      });
    }
  }

  /**
   * Removes channels from this shard and parts them; they are not re-joined after a reconnect. Channels the shard
   * does not hold are ignored. A {@link Shard.joinResult} still waiting for one of them settles with `stopped`.
   *
   * @param channels - Channel names (normalised here).
   * @throws {@link InvalidChannelError} for invalid names.
   */
  async removeChannels(channels: Iterable<string>): Promise<void> {
    const names = normalizeChannelNames(channels).filter((channel) => this.#desired.has(channel));
    if (names.length === 0) return;
    for (const channel of names) this.#desired.delete(channel);
    this.#hooks.channelsRemoved(this.id, names);
    // A `client.join()` that waits for a re-join in progress (after a reconnect) would otherwise wait until stop().
    for (const channel of names) this.#settleWaiters({ channel, joined: false, reason: 'stopped' });
    if (TERMINAL.has(this.#status)) return;
    await this.#connection.removeChannels(names);
  }

  /**
   * Waits for the outcome of the current join of `channel`.
   *
   * @param channel - A normalised channel login.
   * @returns The join result: at once when the channel is joined or not on this shard (then `stopped`), else once
   *   the pending join settles.
   */
  joinResult(channel: string): Promise<JoinResult> {
    const pending = this.#pendingJoins.get(channel);
    if (pending !== undefined) return pending;
    if (this.#connection.joinedChannels.has(channel)) return Promise.resolve({ channel, joined: true });
    if (!this.#desired.has(channel) || TERMINAL.has(this.#status)) {
      return Promise.resolve({ channel, joined: false, reason: 'stopped' });
    }
    const waiter = createDeferred<JoinResult>();
    const list = this.#joinWaiters.get(channel) ?? [];
    list.push(waiter);
    this.#joinWaiters.set(channel, list);
    return waiter.promise;
  }

  /**
   * Resolves once every join requested so far has settled.
   *
   * @returns A promise of the results.
   */
  joinsSettled(): Promise<readonly JoinResult[]> {
    return Promise.all([...this.#pendingJoins.values()]);
  }

  /**
   * Sends a chat message through this shard (queued by the transport while it is not ready).
   *
   * @param request - The message, its deadline and an optional abort signal.
   * @returns The sent message.
   * @throws {@link SendError} with reason `stopped` (shard stopped or failed), `anonymous` (anonymous shard), or
   *   whatever the transport reports.
   */
  send(request: SendRequest): Promise<SentMessage> {
    if (TERMINAL.has(this.#status)) {
      return Promise.reject(new SendError('stopped', { channel: request.channel, shardId: this.id }));
    }
    if (this.login === null) {
      return Promise.reject(new SendError('anonymous', { channel: request.channel, shardId: this.id }));
    }
    try {
      return this.#connection.send(request);
    } catch (error) {
      return Promise.reject(toError(error));
    }
  }

  /** Shows the public state, never credentials. */
  [inspectSymbol](): string {
    const login = this.login === null ? 'null' : `'${this.login}'`;
    return `Shard { id: '${this.id}', login: ${login}, status: '${this.#status}', channels: ${this.#desired.size}, joined: ${this.#connection.joinedChannels.size} }`;
  }

  async #stop(): Promise<void> {
    const wasStarted = this.#started;
    this.#started = true;
    try {
      await this.#connection.stop();
    } catch (error) {
      this.#runtime.reportError(toError(error), { source: 'shard', shardId: this.id });
    }
    if (this.#status !== 'failed') this.#setStatus('stopped');
    if (!wasStarted) this.#settled.resolve();
    this.#finish();
  }

  #fail(error: Error): void {
    // A start interrupted by stop() is not a failure.
    if (this.#stopPromise !== undefined || this.#status === 'stopped') {
      this.#finish();
      return;
    }
    // Already failed with a reason (the shard failed itself, then the transport's start() rejected as it stopped).
    if (this.#failure !== undefined) return;
    if (AuthenticationError.isInstance(error)) this.#authentication?.failed(this.id, this.#lastCredentials);
    this.#failure = error;
    this.#setStatus('failed');
    this.#log('error', 'shard failed', { error: error.message });
    this.#runtime.reportError(error, { source: 'shard', shardId: this.id });
    // Make sure the connection lets go of its timers even if it did not mark itself failed.
    void this.#connection.stop().catch(() => undefined);
    this.#finish();
  }

  #onConnectionExited(): void {
    if (!TERMINAL.has(this.#status)) {
      const status = this.#connection.status;
      this.#setStatus(status === 'failed' ? 'failed' : 'stopped');
    }
    this.#finish();
  }

  #finish(): void {
    this.#authenticationAbort.abort();
    this.#authentication?.release(this.id);
    this.#settled.resolve();
    for (const [channel, waiters] of this.#joinWaiters) {
      for (const waiter of waiters) waiter.resolve({ channel, joined: false, reason: 'stopped' });
    }
    this.#joinWaiters.clear();
    this.#exited.resolve();
  }

  #setStatus(status: ShardStatus): void {
    if (this.#status === status || TERMINAL.has(this.#status)) return;
    this.#status = status;
    if (status === 'ready') this.#settled.resolve();
    if (TERMINAL.has(status)) this.#finish();
  }

  #settleWaiters(result: JoinResult): void {
    const waiters = this.#joinWaiters.get(result.channel);
    if (waiters === undefined) return;
    this.#joinWaiters.delete(result.channel);
    for (const waiter of waiters) waiter.resolve(result);
  }

  #settleJoin(result: JoinResult): void {
    this.#settleWaiters(result);
    if (!result.joined && result.reason !== 'stopped') this.#dropChannel(result.channel);
  }

  /** A join failed for good: the channel leaves the shard so it stops using capacity (design note P6). */
  #dropChannel(channel: string): void {
    if (!this.#desired.delete(channel)) return;
    this.#hooks.channelsRemoved(this.id, [channel]);
    if (this.#connection.desiredChannels.has(channel) && !TERMINAL.has(this.#status)) {
      this.#connection.removeChannels([channel]).catch((error: unknown) => {
        this.#runtime.reportError(toError(error), { source: 'shard', shardId: this.id, channel });
      });
    }
  }

  #log(level: keyof Logger, message: string, fields: LogFields = {}): void {
    try {
      this.#runtime.logger[level](message, { shardId: this.id, ...fields });
    } catch {
      // A broken logger must not break the shard.
    }
  }

  #createContext(): TransportContext {
    const runtime = this.#runtime;
    const shardId = this.id;
    const logger: Logger = {
      debug: (message, fields) => this.#log('debug', message, fields),
      info: (message, fields) => this.#log('info', message, fields),
      warn: (message, fields) => this.#log('warn', message, fields),
      error: (message, fields) => this.#log('error', message, fields),
    };
    return {
      shardId,
      login: this.login,
      limiter: this.#limiter,
      clock: runtime.clock,
      logger,
      events: this.#createSink(),
      getCredentials: async () => {
        const login = this.login;
        const authentication = this.#authentication;
        if (login === null || authentication === undefined) {
          this.#anonymousCredentials ??= runtime.anonymousCredentials();
          return this.#anonymousCredentials;
        }
        let credentials: IrcCredentials;
        try {
          // Shared per login, so N shards with a bad token cost the account one attempt and one refreshed attempt,
          // not 2N (§4.4: failed attempts count against the authentication limit): follow a sibling's refresh of a
          // rejected token, refuse a token already rejected for good, and wait while a sibling tries a token nobody
          // has logged in with yet.
          for (;;) {
            credentials = await authentication.resolve(shardId, () =>
              callTokenHandler('getIrcToken', login, () => runtime.tokenHandler.getIrcToken(login)),
            );
            if (authentication.tryEnter(shardId, credentials)) break;
            await authentication.waitForVerdict(shardId, this.#authenticationAbort.signal);
          }
        } catch (error) {
          // Fail the shard ourselves, so no transport retries a token that is known to be rejected.
          if (AuthenticationError.isInstance(error)) this.#fail(error);
          throw error;
        }
        this.#lastCredentials = credentials;
        if (!credentials.anonymous) runtime.addOwnLogin(credentials.login);
        return credentials;
      },
      refreshCredentials: async (rejected) => {
        // One refresh per failure: a second call before the shard was ready again is the same failure, and
        // refreshing again would turn a bad token into a retry storm against the auth limit (§4.4).
        if (this.#refreshUsed || rejected.anonymous || this.#authentication === undefined) return null;
        this.#refreshUsed = true;
        // One refresh per rejected token for the whole login: sibling shards rejected with the same token share it.
        const fresh = await this.#authentication.refresh(
          rejected,
          () => runtime.tokenHandler.refreshIrcToken(rejected),
          (error) => runtime.reportError(toTokenHandlerError('refreshIrcToken', rejected.login, error), { source: 'shard', shardId }),
        );
        this.#log('info', fresh === null ? 'token refresh not available' : 'token refreshed after rejection');
        if (fresh !== null) this.#lastCredentials = fresh;
        return fresh;
      },
    };
  }

  #createSink(): TransportEventSink {
    const runtime = this.#runtime;
    const shardId = this.id;
    const guard =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A): void => {
        try {
          handler(...args);
        } catch (error) {
          runtime.reportError(toError(error), { source: 'client', shardId });
        }
      };
    return {
      status: guard((status: ShardStatus) => {
        // A transport gives up (`failed`) when the credentials were rejected even after the refresh: condemn them
        // for every shard of the login before waking the siblings waiting for this verdict.
        if (status === 'failed' && !TERMINAL.has(this.#status)) this.#authentication?.failed(shardId, this.#lastCredentials);
        this.#setStatus(status);
      }),
      connect: guard(() => runtime.emit('shardConnect', shardId)),
      ready: guard(() => {
        this.#refreshUsed = false;
        this.#authentication?.succeeded(shardId, this.#lastCredentials);
        this.#setStatus('ready');
        runtime.emit('shardReady', shardId);
      }),
      disconnect: guard((reason: DisconnectReason) => {
        // Lost without a verdict on the token: a sibling waiting to log in may try instead.
        if (reason.kind !== 'authenticationFailed') this.#authentication?.release(shardId);
        runtime.emit('shardDisconnect', shardId, reason);
      }),
      reconnect: guard((attempt: number, delayMs: number) => runtime.emit('shardReconnect', shardId, attempt, delayMs)),
      message: guard((message: TwitchMessage) => this.#dispatch(message)),
      raw: guard((line: string) => runtime.emit('raw', line, shardId)),
      join: guard((channel: string) => {
        this.#joinOutcomes.get(channel)?.resolve({ channel, joined: true });
        const waiters = this.#joinWaiters.get(channel);
        if (waiters !== undefined) {
          this.#joinWaiters.delete(channel);
          for (const waiter of waiters) waiter.resolve({ channel, joined: true });
        }
        runtime.emit('join', channel, shardId);
      }),
      joinFailure: guard((channel: string, reason: JoinFailureReason) => {
        this.#joinOutcomes.get(channel)?.resolve({ channel, joined: false, reason });
        this.#settleJoin({ channel, joined: false, reason });
        runtime.emit('joinFailure', channel, reason, shardId);
      }),
      part: guard((channel: string) => runtime.emit('part', channel, shardId)),
      error: guard((error: Error) => runtime.reportError(error, { source: 'shard', shardId })),
    };
  }

  #dispatch(message: TwitchMessage): void {
    const runtime = this.#runtime;
    const shardId = this.id;
    switch (message.type) {
      case 'privmsg': {
        const event = createChatMessageEvent(message, shardId, runtime.isOwnLogin(message.userLogin), (text, options) =>
          runtime.reply(message, shardId, text, options),
        );
        runtime.emit('message', event);
        return;
      }
      case 'userstate':
        // §6: the account's role per channel comes from USERSTATE; it picks the message bucket and, for moderator
        // and broadcaster rooms only (§4.3), frees a room-cap place.
        if (this.login !== null) this.#limiter.setChannelRole(message.channel, channelRoleOf(message));
        runtime.emit('userstate', message, shardId);
        return;
      case 'usernotice':
        runtime.emit('usernotice', message, shardId);
        return;
      case 'clearchat':
        runtime.emit('clearchat', message, shardId);
        return;
      case 'clearmsg':
        runtime.emit('clearmsg', message, shardId);
        return;
      case 'roomstate':
        runtime.emit('roomstate', message, shardId);
        return;
      case 'globaluserstate':
        runtime.emit('globaluserstate', message, shardId);
        return;
      case 'notice':
        runtime.emit('notice', message, shardId);
        return;
      case 'whisper':
        runtime.emit('whisper', message, shardId);
        return;
      default:
        // Protocol plumbing (PING, CAP, numerics, membership of other users) is only visible through `raw`.
        return;
    }
  }
}

/** The role a `USERSTATE` reports for the account, strongest first (a broadcaster is also shown as moderator). */
function channelRoleOf(message: UserStateMessage): ChannelRole {
  if (message.isBroadcaster) return 'broadcaster';
  if (message.isModerator) return 'moderator';
  if (message.isVip) return 'vip';
  return 'viewer';
}
