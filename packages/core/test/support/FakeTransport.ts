import {
  AuthenticationError,
  SendError,
  TRANSPORT_CONTRACT_VERSION,
  type IrcCredentials,
  type JoinFailureReason,
  type JoinResult,
  type SendFailureReason,
  type SendRequest,
  type SentMessage,
  type ShardStatus,
  type TimerHandle,
  type TransportConnection,
  type TransportContext,
  type TwitchMessage,
} from '../../src/index.js';

/** Knobs and records of the in-memory "Twitch" shared by every fake connection of a test. */
export interface FakeTwitchOptions {
  /** Delay between opening the socket and the login answer. */
  readonly connectDelayMs?: number;
  /** Delay between a JOIN leaving the limiter and its confirmation. */
  readonly joinDelayMs?: number;
  /** Tokens the server accepts; everything else is rejected. `undefined`: every token. */
  readonly validTokens?: ReadonlySet<string>;
  /** Channels where a JOIN fails with the given reason. */
  readonly joinFailures?: ReadonlyMap<string, JoinFailureReason>;
  /** Channels where the bot is moderator (a USERSTATE with mod=1 follows the JOIN). */
  readonly moderatorIn?: ReadonlySet<string>;
  /** Channels where a send fails with the given reason. */
  readonly sendFailures?: ReadonlyMap<string, SendFailureReason>;
  /** Misbehave: call refreshCredentials a second time after a second rejection. */
  readonly refreshTwice?: boolean;
  /** Never answer the login (the shard stays `connecting`). */
  readonly hangOnConnect?: boolean;
}

/** One recorded send. */
export interface FakeSend {
  readonly shardId: string;
  readonly login: string;
  readonly channel: string;
  readonly text: string;
  readonly replyParentMessageId: string | undefined;
  readonly at: number;
}

/** The shared fake server. */
export class FakeTwitch {
  readonly options: FakeTwitchOptions;
  readonly connections: FakeConnection[] = [];
  readonly sent: FakeSend[] = [];
  readonly logins: Array<{ readonly shardId: string; readonly login: string; readonly at: number }> = [];
  readonly joins: Array<{ readonly shardId: string; readonly channel: string; readonly at: number }> = [];
  readonly refreshCalls: Array<{ readonly shardId: string; readonly result: 'fresh' | 'null' }> = [];
  /** Every authentication attempt (accepted or not), as Twitch counts them against the auth limit. */
  readonly attempts: Array<{ readonly shardId: string; readonly login: string; readonly accepted: boolean }> = [];

  constructor(options: FakeTwitchOptions = {}) {
    this.options = options;
  }

  connection(shardId: string): FakeConnection {
    const found = this.connections.find((connection) => connection.context.shardId === shardId);
    if (found === undefined) throw new Error(`no connection for ${shardId}`);
    return found;
  }
}

/** The options of the fake transport. */
export interface FakeTransportOptions {
  readonly twitch: FakeTwitch;
}

interface PendingJoin {
  readonly channel: string;
  readonly resolve: (result: JoinResult) => void;
}

interface PendingSend {
  readonly request: SendRequest;
  readonly resolve: (sent: SentMessage) => void;
  readonly reject: (error: Error) => void;
}

/**
 * An in-memory `TransportConnection` that behaves like the contract says: statuses through the sink, joins through
 * the account's room cap and JOIN limiter, sends through the message limiter with a deadline, settles everything on
 * stop, and uses only `context.clock` for time.
 */
export class FakeConnection implements TransportConnection {
  static readonly contractVersion = TRANSPORT_CONTRACT_VERSION;

  readonly context: TransportContext;
  readonly twitch: FakeTwitch;
  readonly exited: Promise<void>;
  #status: ShardStatus = 'idle';
  readonly #desired = new Set<string>();
  readonly #joined = new Set<string>();
  readonly #timers = new Set<TimerHandle>();
  readonly #abort = new AbortController();
  #pendingJoins: PendingJoin[] = [];
  #waitingForReady: PendingJoin[] = [];
  #queuedSends: PendingSend[] = [];
  readonly #inFlightSends = new Set<PendingSend>();
  #resolveExited!: () => void;
  #startPromise: Promise<void> | undefined;
  #credentials: IrcCredentials | undefined;

  constructor(context: TransportContext, options: FakeTransportOptions) {
    this.context = context;
    this.twitch = options.twitch;
    this.twitch.connections.push(this);
    this.exited = new Promise((resolve) => {
      this.#resolveExited = resolve;
    });
  }

  get status(): ShardStatus {
    return this.#status;
  }

  get desiredChannels(): ReadonlySet<string> {
    return this.#desired;
  }

  get joinedChannels(): ReadonlySet<string> {
    return this.#joined;
  }

  get credentials(): IrcCredentials | undefined {
    return this.#credentials;
  }

  start(): Promise<void> {
    this.#startPromise ??= this.#start();
    return this.#startPromise;
  }

  async stop(): Promise<void> {
    if (this.#status === 'stopped' || this.#status === 'failed') return;
    this.#abort.abort(new Error('stopped'));
    this.#setStatus('stopped');
    this.#shutdown('stopped');
  }

  addChannels(channels: readonly string[]): Promise<readonly JoinResult[]> {
    const promises = channels.map(
      (channel) =>
        new Promise<JoinResult>((resolve) => {
          this.#desired.add(channel);
          const pending = { channel, resolve };
          if (this.#status === 'ready') this.#join(pending);
          else if (this.#status === 'stopped' || this.#status === 'failed') resolve({ channel, joined: false, reason: 'stopped' });
          else this.#waitingForReady.push(pending);
        }),
    );
    return Promise.all(promises);
  }

  async removeChannels(channels: readonly string[]): Promise<void> {
    for (const channel of channels) {
      this.#desired.delete(channel);
      for (const pending of [...this.#pendingJoins, ...this.#waitingForReady]) {
        if (pending.channel === channel) pending.resolve({ channel, joined: false, reason: 'stopped' });
      }
      this.#pendingJoins = this.#pendingJoins.filter((pending) => pending.channel !== channel);
      this.#waitingForReady = this.#waitingForReady.filter((pending) => pending.channel !== channel);
      if (this.#joined.delete(channel)) {
        this.context.limiter.releaseRoom(channel);
        this.context.events.part(channel);
      }
    }
  }

  send(request: SendRequest): Promise<SentMessage> {
    if (this.#status === 'stopped' || this.#status === 'failed') {
      return Promise.reject(new SendError('stopped', { channel: request.channel, shardId: this.context.shardId }));
    }
    return new Promise<SentMessage>((resolve, reject) => {
      const pending: PendingSend = { request, resolve, reject };
      const delay = Math.max(0, request.deadline - this.context.clock.now());
      const timer = this.#setTimer(() => {
        if (this.#queuedSends.includes(pending) || this.#inFlightSends.has(pending)) {
          this.#queuedSends = this.#queuedSends.filter((entry) => entry !== pending);
          this.#inFlightSends.delete(pending);
          reject(new SendError('timeout', { channel: request.channel, shardId: this.context.shardId }));
        }
      }, delay);
      void timer;
      if (this.#status === 'ready') this.#transmit(pending);
      else this.#queuedSends.push(pending);
    });
  }

  /** Delivers a decoded message as if it came from the server. */
  receive(message: TwitchMessage): void {
    this.context.events.raw(message.raw ?? `:fake ${message.type}`);
    this.context.events.message(message);
  }

  /** Simulates a dropped connection followed by an immediate reconnect. */
  dropAndReconnect(): void {
    this.context.events.disconnect({ kind: 'closed', code: 1006 });
    this.#setStatus('reconnecting');
    this.context.events.reconnect(1, 0);
    this.#setStatus('ready');
    this.context.events.ready();
  }

  async #start(): Promise<void> {
    const { context } = this;
    this.#setStatus('connecting');
    // Like IrcWsTransport: the login slot right before the attempt, after the credentials.
    let credentials = await context.getCredentials();
    this.#credentials = credentials;
    await context.limiter.acquireLogin(this.#abort.signal);
    await this.#delay(this.twitch.options.connectDelayMs ?? 10);
    context.events.connect();
    if (this.twitch.options.hangOnConnect === true) await new Promise<void>(() => undefined);
    let refreshes = 0;
    while (!this.#accepts(credentials)) {
      context.events.disconnect({ kind: 'authenticationFailed' });
      if (refreshes >= (this.twitch.options.refreshTwice === true ? 2 : 1)) {
        return this.#failAuth(credentials);
      }
      refreshes++;
      const fresh = await context.refreshCredentials(credentials);
      this.twitch.refreshCalls.push({ shardId: context.shardId, result: fresh === null ? 'null' : 'fresh' });
      if (fresh === null) return this.#failAuth(credentials);
      credentials = fresh;
      this.#credentials = credentials;
      await context.limiter.acquireLogin(this.#abort.signal);
      await this.#delay(this.twitch.options.connectDelayMs ?? 10);
    }
    this.twitch.logins.push({ shardId: context.shardId, login: credentials.login, at: context.clock.now() });
    context.logger.info('logged in', { login: credentials.login, token: credentials.token });
    this.#setStatus('ready');
    context.events.ready();
    const waiting = this.#waitingForReady;
    this.#waitingForReady = [];
    for (const pending of waiting) this.#join(pending);
    const queued = this.#queuedSends;
    this.#queuedSends = [];
    for (const pending of queued) this.#transmit(pending);
  }

  #accepts(credentials: IrcCredentials): boolean {
    if (credentials.anonymous) return true;
    const valid = this.twitch.options.validTokens;
    const accepted = valid === undefined || (credentials.token !== null && valid.has(credentials.token.reveal()));
    this.twitch.attempts.push({ shardId: this.context.shardId, login: credentials.login, accepted });
    return accepted;
  }

  #failAuth(credentials: IrcCredentials): never {
    this.#setStatus('failed');
    this.#shutdown('stopped');
    throw new AuthenticationError({
      login: credentials.login,
      shardId: this.context.shardId,
      detail: 'Login authentication failed',
    });
  }

  #join(pending: PendingJoin): void {
    const { context } = this;
    const { channel } = pending;
    this.#pendingJoins.push(pending);
    const settle = (result: JoinResult): void => {
      if (!this.#pendingJoins.includes(pending)) return;
      this.#pendingJoins = this.#pendingJoins.filter((entry) => entry !== pending);
      pending.resolve(result);
    };
    void (async () => {
      const reservation = await context.limiter.reserveRoom(channel, this.#abort.signal);
      if (!reservation.granted) {
        context.events.joinFailure(channel, 'concurrentRoomCap');
        settle({ channel, joined: false, reason: 'concurrentRoomCap' });
        return;
      }
      await context.limiter.acquireJoin(this.#abort.signal);
      this.twitch.joins.push({ shardId: context.shardId, channel, at: context.clock.now() });
      await this.#delay(this.twitch.options.joinDelayMs ?? 5);
      if (!this.#pendingJoins.includes(pending)) return;
      const failure = this.twitch.options.joinFailures?.get(channel);
      if (failure !== undefined) {
        context.limiter.releaseRoom(channel);
        this.#desired.delete(channel);
        context.events.joinFailure(channel, failure);
        settle({ channel, joined: false, reason: failure });
        return;
      }
      this.#joined.add(channel);
      context.limiter.confirmRoom(channel);
      context.events.join(channel);
      // Twitch follows the JOIN echo with USERSTATE (twitch-protocol.md §3.10).
      this.receive(userstate(channel, this.twitch.options.moderatorIn?.has(channel) === true));
      settle({ channel, joined: true });
    })().catch(() => settle({ channel, joined: false, reason: 'stopped' }));
  }

  #transmit(pending: PendingSend): void {
    const { context } = this;
    const { request } = pending;
    this.#inFlightSends.add(pending);
    void (async () => {
      await context.limiter.acquireMessage(request.channel, request.signal ?? this.#abort.signal);
      if (!this.#inFlightSends.has(pending)) return;
      this.#inFlightSends.delete(pending);
      const now = context.clock.now();
      if (now > request.deadline) {
        pending.reject(new SendError('timeout', { channel: request.channel, shardId: context.shardId }));
        return;
      }
      const failure = this.twitch.options.sendFailures?.get(request.channel);
      if (failure !== undefined) {
        pending.reject(new SendError(failure, { channel: request.channel, shardId: context.shardId }));
        return;
      }
      this.twitch.sent.push({
        shardId: context.shardId,
        login: this.#credentials?.login ?? '?',
        channel: request.channel,
        text: request.text,
        replyParentMessageId: request.replyParentMessageId,
        at: now,
      });
      pending.resolve({ channel: request.channel, text: request.text, shardId: context.shardId, sentAt: now, messageId: `id-${this.twitch.sent.length}` });
    })().catch((error: unknown) => {
      if (!this.#inFlightSends.delete(pending)) return;
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    });
  }

  #setStatus(status: ShardStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.context.events.status(status);
    if (status === 'stopped' || status === 'failed') this.#resolveExited();
  }

  #shutdown(reason: 'stopped'): void {
    for (const timer of this.#timers) this.context.clock.clearTimeout(timer);
    this.#timers.clear();
    for (const pending of [...this.#pendingJoins, ...this.#waitingForReady]) {
      pending.resolve({ channel: pending.channel, joined: false, reason });
    }
    this.#pendingJoins = [];
    this.#waitingForReady = [];
    for (const pending of [...this.#queuedSends, ...this.#inFlightSends]) {
      pending.reject(new SendError('stopped', { channel: pending.request.channel, shardId: this.context.shardId }));
    }
    this.#queuedSends = [];
    this.#inFlightSends.clear();
    for (const channel of this.#joined) this.context.limiter.releaseRoom(channel);
    this.#joined.clear();
  }

  #setTimer(callback: () => void, delayMs: number): TimerHandle {
    const handle = this.context.clock.setTimeout(() => {
      this.#timers.delete(handle);
      callback();
    }, delayMs);
    this.#timers.add(handle);
    return handle;
  }

  #delay(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.#setTimer(resolve, delayMs));
  }
}

/** The fake transport class, as passed to `new Client({ transport })`. */
export const FakeTransport = FakeConnection;

/** A minimal decoded USERSTATE. */
export function userstate(channel: string, moderator: boolean): TwitchMessage {
  return {
    type: 'userstate',
    channel,
    displayName: 'Bot',
    color: undefined,
    badges: new Map(moderator ? [['moderator', '1']] : []),
    badgeInfo: new Map(),
    emoteSets: [],
    isModerator: moderator,
    isBroadcaster: false,
    isVip: false,
    isSubscriber: false,
    userType: moderator ? 'mod' : '',
    sentMessageId: undefined,
  };
}

/** A minimal decoded PRIVMSG. */
export function privmsg(channel: string, userLogin: string, text: string, id = 'msg-1'): TwitchMessage {
  return {
    type: 'privmsg',
    channel,
    channelId: '1',
    id,
    text,
    isAction: false,
    emotes: [],
    sentAt: 0,
    bits: undefined,
    isFirstMessage: false,
    isReturningChatter: false,
    isEmoteOnly: false,
    clientNonce: undefined,
    customRewardId: undefined,
    messageId: undefined,
    flags: undefined,
    reply: undefined,
    sharedChat: undefined,
    paidPinnedChat: undefined,
    userId: '42',
    userLogin,
    displayName: userLogin,
    color: undefined,
    badges: new Map(),
    badgeInfo: new Map(),
    userType: '',
    isModerator: false,
    isBroadcaster: false,
    isSubscriber: false,
    isVip: false,
  };
}
