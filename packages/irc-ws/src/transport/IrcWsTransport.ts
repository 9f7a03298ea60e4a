import { randomUUID } from 'node:crypto';
import { AuthenticationError, SendError, StoppedError, TRANSPORT_CONTRACT_VERSION } from '@tio/core';
import type {
  DisconnectReason,
  IrcCredentials,
  JoinFailureReason,
  JoinResult,
  SendFailureReason,
  SendRequest,
  SentMessage,
  ShardStatus,
  TimerHandle,
  Transport,
  TransportConnection,
  TransportContext,
  TransportEventSink,
} from '@tio/core';
import type { IrcMessage } from '../protocol/IrcMessage.js';
import { parseIrcMessage } from '../protocol/parseIrcMessage.js';
import { buildCapRequest, buildJoin, buildNick, buildPart, buildPass, buildPong, buildPrivmsg } from '../twitch/commands.js';
import { decodeTwitchMessage } from '../twitch/decodeTwitchMessage.js';
import { isValidLogin } from '../twitch/loginNames.js';
import { Backoff } from './Backoff.js';
import { CapabilityRejectedError } from './errors/CapabilityRejectedError.js';
import { EventSinkError } from './errors/EventSinkError.js';
import { LoginTimeoutError } from './errors/LoginTimeoutError.js';
import { MalformedLineError } from './errors/MalformedLineError.js';
import { IrcWsConnection } from './IrcWsConnection.js';
import type { IrcWsTransportOptions } from './IrcWsTransportOptions.js';
import { isAuthFailureText, joinFailureReasonOf, sendFailureReasonOf } from './noticeOutcomes.js';
import { RecentIdWindow } from './RecentIdWindow.js';
import { type ResolvedIrcWsTransportOptions, resolveOptions } from './resolveOptions.js';
import { type PendingJoin, type SendEntry, type SessionRole, TransportSession } from './TransportSession.js';

const EMPTY_SET: ReadonlySet<string> = new Set<string>();
/** The longest delay `setTimeout` honours (2^31 - 1 ms); Node runs longer ones after 1 ms. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;
const ANONYMOUS_LOGIN = /^justinfan\d+$/;
/** Own nonces remembered to recognise the bot's own messages echoed to its other socket during a RECONNECT overlap. */
const OWN_NONCE_WINDOW = 1_024;
/** The longest back-off before re-sending a JOIN that got no answer. */
const MAX_JOIN_RETRY_DELAY_MS = 30_000;

type JoinWaiter = (result: JoinResult) => void;

/**
 * The WebSocket transport of tio: one state machine per shard that logs in to Twitch chat over `ws`, keeps the desired
 * channels joined across reconnects and sends chat messages, drawing on the account's shared limiter for every login,
 * JOIN and message.
 *
 * - **Login**: one `CAP REQ` for tags, commands and membership (a NAK is reported as a
 *   {@link CapabilityRejectedError} and the connection continues), then `PASS`/`NICK` through the account's login
 *   limiter; `001` means ready. Anonymous credentials log in as `justinfan<digits>` without a token.
 * - **Authentication failure**: credentials are refreshed once; a second rejection (or no fresh credentials) makes
 *   the shard `failed` and `start()` rejects with {@link @tio/core!AuthenticationError}. No retry loop, and the token
 *   is never logged.
 * - **RECONNECT is make-before-break**: a replacement socket logs in and rejoins (through the limiters) while the old
 *   one keeps delivering; then sends and events switch to it and the old one closes once its written messages are
 *   confirmed. Messages are de-duplicated by their `id` tag; messages without one are taken only from the active
 *   socket. The status stays `ready` throughout (the old socket keeps serving); if the old socket dies first, the
 *   replacement takes over at once (status `reconnecting` until it has logged in).
 * - **Unplanned disconnects** reconnect with jittered exponential backoff, reset after a stable session, and rejoin
 *   every desired channel.
 * - **Keepalive**: Twitch's PING is answered; after silence the transport sends its own PING and treats no answer as a
 *   dead link.
 * - **Sends** wait in a bounded queue (per channel, in order), are written exactly once when ready through the
 *   message limiter, and settle on the confirming `USERSTATE` or refusing `NOTICE`. A message that was written but
 *   never confirmed (no answer within `sendConfirmationTimeoutMs`, or its socket closed first) rejects with
 *   `SendError` reason `unconfirmed`: the outcome is unknown, and it is not resent, which could duplicate it.
 *
 * @example
 * ```ts
 * import { Client } from '@tio/core';
 * import { IrcWsTransport } from '@tio/irc-ws';
 *
 * const client = new Client({ transport: IrcWsTransport, transportOptions: { joinTimeoutMs: 5_000 } });
 * ```
 */
export class IrcWsTransport implements TransportConnection {
  /** The transport contract this class implements. */
  static readonly contractVersion = TRANSPORT_CONTRACT_VERSION;

  readonly #context: TransportContext;
  readonly #options: ResolvedIrcWsTransportOptions;
  readonly #backoff: Backoff;
  readonly #recentIds: RecentIdWindow;
  readonly #ownNonces = new RecentIdWindow(OWN_NONCE_WINDOW);
  readonly #stopController = new AbortController();

  #status: ShardStatus = 'idle';
  #terminal = false;
  #active: TransportSession | undefined;
  #replacement: TransportSession | undefined;
  readonly #draining = new Set<TransportSession>();
  #sessionCounter = 0;
  #writeSequence = 0;
  #reconnectTimer: TimerHandle | undefined;
  #graceTimer: TimerHandle | undefined;
  /** Set from the server's RECONNECT until the replacement took over or was given up. */
  #replacing = false;
  /** Whether `reconnectGraceMs` has passed since the server's RECONNECT. */
  #graceElapsed = false;

  readonly #desired = new Set<string>();
  readonly #joinWaiters = new Map<string, JoinWaiter[]>();
  readonly #rooms = new Map<string, RoomEntry>();

  readonly #lanes = new Map<string, SendEntry[]>();
  readonly #pumping = new Set<string>();
  #queuedCount = 0;

  #startPromise: Promise<void> | undefined;
  #resolveStart: (() => void) | undefined;
  #rejectStart: ((error: Error) => void) | undefined;
  #stopPromise: Promise<void> | undefined;
  #resolveExited!: () => void;

  /** {@inheritDoc @tio/core!TransportConnection.exited} */
  readonly exited: Promise<void>;

  /**
   * Creates the transport of one shard. No socket is opened before {@link IrcWsTransport.start}.
   *
   * @param context - What the shard gives its transport: credentials, limiter, clock, logger, event sink.
   * @param options - Transport options; see {@link IrcWsTransportOptions}.
   * @throws {@link @tio/core!InvalidOptionError} When an option is unknown or invalid, or the URL is plain `ws://` to a
   *   host that is not loopback.
   */
  constructor(context: TransportContext, options: IrcWsTransportOptions = {}) {
    this.#context = context;
    this.#options = resolveOptions(options, context.logger);
    this.#backoff = new Backoff({
      initialDelayMs: this.#options.reconnectDelayMs,
      maxDelayMs: this.#options.maxReconnectDelayMs,
      multiplier: 2,
      jitter: this.#options.reconnectJitter,
    });
    this.#recentIds = new RecentIdWindow(this.#options.deduplicationWindowSize);
    this.exited = new Promise<void>((resolve) => {
      this.#resolveExited = resolve;
    });
  }

  /** {@inheritDoc @tio/core!TransportConnection.status} */
  get status(): ShardStatus {
    return this.#status;
  }

  /** {@inheritDoc @tio/core!TransportConnection.desiredChannels} */
  get desiredChannels(): ReadonlySet<string> {
    return this.#desired;
  }

  /** {@inheritDoc @tio/core!TransportConnection.joinedChannels} */
  get joinedChannels(): ReadonlySet<string> {
    return this.#active?.joined ?? EMPTY_SET;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Connects and logs in; retries with backoff until the first login succeeds (the promise stays pending meanwhile).
   * Calling it again returns the same promise.
   *
   * @returns Resolves when the shard is ready the first time.
   * @throws {@link @tio/core!AuthenticationError} When the credentials were rejected, after at most one refresh.
   * @throws {@link @tio/core!StoppedError} When `stop()` was called before the shard became ready.
   */
  start(): Promise<void> {
    if (this.#startPromise !== undefined) return this.#startPromise;
    this.#startPromise = new Promise<void>((resolve, reject) => {
      this.#resolveStart = resolve;
      this.#rejectStart = reject;
    });
    if (this.#terminal) {
      this.#settleStart(new StoppedError(`Starting shard "${this.#context.shardId}"`));
      return this.#startPromise;
    }
    this.#setStatus('connecting');
    void this.#establish('active');
    return this.#startPromise;
  }

  /**
   * Stops for good: cancels every timer and limiter wait, settles pending joins (`stopped`) and queued sends
   * (`SendError` `stopped`), closes the sockets. Messages already written but not yet confirmed reject with
   * `unconfirmed` (their outcome is unknown). Idempotent; resolves also mid-connect or mid-backoff.
   *
   * @returns Resolves once every socket is closed and the status is `stopped`.
   */
  stop(): Promise<void> {
    this.#stopPromise ??= this.#teardown('stopped', undefined);
    return this.#stopPromise;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Channels

  /**
   * Adds channels to the desired set and joins them (now when ready, otherwise after the next login), each through
   * the account's room cap and JOIN limiter. A channel that fails is removed from the desired set again and its room
   * released. A name that is not a valid login fails at once with `nonexistent`, spending no JOIN.
   *
   * @param channels - Normalised channel logins.
   * @returns One {@link @tio/core!JoinResult} per channel, in order, once each settled.
   */
  addChannels(channels: readonly string[]): Promise<readonly JoinResult[]> {
    const results: Array<Promise<JoinResult>> = [];
    const added: string[] = [];
    for (const channel of channels) {
      if (this.#terminal) {
        results.push(Promise.resolve({ channel, joined: false, reason: 'stopped' }));
        continue;
      }
      if (!isValidLogin(channel)) {
        results.push(Promise.resolve({ channel, joined: false, reason: 'nonexistent' }));
        continue;
      }
      if (this.#desired.has(channel) && this.#active?.joined.has(channel) === true) {
        results.push(Promise.resolve({ channel, joined: true }));
        continue;
      }
      if (!this.#desired.has(channel)) {
        this.#desired.add(channel);
        added.push(channel);
      }
      results.push(
        new Promise<JoinResult>((resolve) => {
          const waiters = this.#joinWaiters.get(channel);
          if (waiters === undefined) this.#joinWaiters.set(channel, [resolve]);
          else waiters.push(resolve);
        }),
      );
    }
    if (added.length > 0) {
      for (const session of [this.#active, this.#replacement]) {
        if (session !== undefined && session.ready && !session.ended) this.#joinOn(session, added);
      }
    }
    return Promise.all(results);
  }

  /**
   * Removes channels from the desired set, parts them and releases their rooms; they are not re-joined after a
   * reconnect. A join still pending settles with `stopped`.
   *
   * @param channels - Normalised channel logins.
   * @returns Resolves once the PARTs are written (or nothing needed writing).
   */
  removeChannels(channels: readonly string[]): Promise<void> {
    const parts = new Map<TransportSession, string[]>();
    for (const channel of channels) {
      if (!this.#desired.delete(channel)) continue;
      this.#settleJoinWaiters(channel, { channel, joined: false, reason: 'stopped' });
      const wasJoined = this.#active?.joined.has(channel) === true;
      for (const session of this.#liveSessions()) {
        const pending = session.joining.get(channel);
        const written = pending?.written === true;
        if (pending !== undefined) this.#cancelJoin(session, channel);
        if (session.joined.delete(channel) || written) {
          session.requestedParts.add(channel);
          const list = parts.get(session);
          if (list === undefined) parts.set(session, [channel]);
          else list.push(channel);
        }
      }
      this.#releaseRoom(channel);
      if (wasJoined) this.#emit('part', channel);
    }
    for (const [session, list] of parts) {
      for (const line of buildPart(list)) this.#write(session, line);
    }
    return Promise.resolve();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Sending

  /**
   * Queues a chat message. It is written exactly once, when the shard is ready, after the account's message limiter
   * allows it, and settles on Twitch's confirming `USERSTATE` (with the message id) or refusing `NOTICE`.
   *
   * A message that was written but not confirmed (no answer within `sendConfirmationTimeoutMs`, or its socket closed
   * first) rejects with `unconfirmed`: its outcome is unknown, and it is not resent because that could post it twice.
   *
   * @param request - Channel, text, optional reply parent, deadline and abort signal.
   * @returns The sent message.
   * @throws {@link @tio/core!SendError} With reason `anonymous` (anonymous shard), `queueFull`, `timeout` (deadline
   *   passed before writing: nothing was sent), `unconfirmed` (written, not confirmed: it may have been delivered),
   *   `stopped`, a NOTICE-mapped reason,
   *   or `other` (invalid text, or the request's signal aborted before writing).
   */
  send(request: SendRequest): Promise<SentMessage> {
    const channel = request.channel;
    const fail = (reason: SendFailureReason, detail?: string, cause?: unknown): Promise<SentMessage> =>
      Promise.reject(this.#sendError(reason, channel, detail, cause));
    if (this.#terminal) return fail('stopped');
    if (this.#context.login === null || this.#context.limiter.anonymous) return fail('anonymous');
    if (request.signal?.aborted === true) return fail('aborted', 'the request was aborted before it was queued', request.signal.reason);
    if (!(this.#context.clock.now() <= request.deadline)) return fail('timeout', 'the deadline passed before it was queued');
    if (this.#queuedCount >= this.#options.sendQueueSize) {
      return fail('queueFull', `${this.#queuedCount} messages are waiting (sendQueueSize ${this.#options.sendQueueSize})`);
    }
    const nonce = randomUUID().replaceAll('-', '');
    let line: string;
    try {
      const privmsgOptions =
        request.replyParentMessageId === undefined
          ? { clientNonce: nonce }
          : { clientNonce: nonce, replyParentMessageId: request.replyParentMessageId };
      line = buildPrivmsg(channel, request.text, privmsgOptions);
    } catch (error) {
      return fail('other', error instanceof Error ? error.message : String(error), error);
    }
    return new Promise<SentMessage>((resolve, reject) => {
      const entry: SendEntry = {
        request,
        channel,
        nonce,
        line,
        state: 'queued',
        session: undefined,
        writeSequence: 0,
        sentAt: 0,
        timer: undefined,
        waitController: undefined,
        resolve,
        reject,
        onAbort: () => {
          if (entry.state === 'queued') {
            this.#failSend(entry, 'aborted', 'withdrawn: the request signal was aborted before the message was written', request.signal?.reason);
          }
        },
      };
      const untilDeadline = Math.max(0, request.deadline - this.#context.clock.now());
      // Timers cannot wait longer than about 24.8 days (Node fires at once beyond); such a deadline is checked when the
      // message is about to be written instead.
      if (untilDeadline <= MAX_TIMER_DELAY_MS) {
        entry.timer = this.#context.clock.setTimeout(() => {
          entry.timer = undefined;
          if (entry.state === 'queued') this.#failSend(entry, 'timeout', 'the deadline passed before the message could be written');
        }, untilDeadline);
      }
      request.signal?.addEventListener('abort', entry.onAbort, { once: true });
      const lane = this.#lanes.get(channel);
      if (lane === undefined) this.#lanes.set(channel, [entry]);
      else lane.push(entry);
      this.#queuedCount++;
      void this.#pumpLane(channel);
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Connecting and logging in

  /**
   * Logs in a new socket in `role`, refreshing the credentials once if the server rejects them. For the active role a
   * failure schedules a reconnect with backoff; a failed replacement is dropped (the old socket stays in use).
   */
  async #establish(role: 'active' | 'replacement'): Promise<void> {
    // The first socket fetches its credentials once it is open (#login): a shard's getCredentials() may wait for a
    // sibling shard's login verdict, and the sockets of all shards should still open in parallel meanwhile.
    let credentials: IrcCredentials | undefined;
    let refreshed = false;
    let currentRole: SessionRole = role;
    for (;;) {
      if (this.#terminal) return;
      if (currentRole === 'replacement' && this.#active === undefined) currentRole = 'active';
      const session = this.#openSession(currentRole === 'draining' ? 'active' : currentRole, credentials);
      const outcome = await session.loginOutcome;
      currentRole = session.role;
      if (outcome.kind === 'ready' || this.#terminal) return;
      credentials = session.credentials;
      if (outcome.kind === 'authenticationFailed' && credentials !== undefined) {
        this.#context.logger.warn('irc-ws: Twitch rejected the credentials', {
          shard: this.#context.shardId,
          login: credentials.login,
          refreshed,
        });
        if (refreshed || credentials.anonymous) {
          this.#failAuthentication(credentials.login, outcome.detail, outcome.cause);
          return;
        }
        refreshed = true;
        let fresh: IrcCredentials | null = null;
        try {
          fresh = await this.#context.refreshCredentials(credentials);
        } catch (error) {
          this.#emit('error', toError(error));
        }
        if (this.#terminal) return;
        if (fresh === null) {
          this.#failAuthentication(credentials.login, outcome.detail, outcome.cause);
          return;
        }
        credentials = fresh;
        continue;
      }
      if (currentRole === 'active') {
        if (outcome.kind === 'failed' && outcome.reported === true) this.#replacing = false;
        // A socket that never logged in (DNS failure, connection refused, TLS error, login timeout) would otherwise
        // only show up as a reconnect: report its cause once per attempt, so the owner sees e.g. ECONNREFUSED.
        if (outcome.kind === 'failed' && outcome.reason.kind === 'error' && outcome.reported !== true) {
          this.#context.logger.warn('irc-ws: connecting failed', { shard: this.#context.shardId, error: outcome.reason.error.message });
          this.#emit('error', outcome.reason.error);
        }
        this.#scheduleReconnect();
      } else {
        if (outcome.kind === 'failed' && outcome.reason.kind === 'error' && outcome.reported !== true) this.#emit('error', outcome.reason.error);
        this.#abandonReplacement();
      }
      return;
    }
  }

  #openSession(role: 'active' | 'replacement', credentials: IrcCredentials | undefined): TransportSession {
    const id = ++this.#sessionCounter;
    const nick = credentials === undefined ? '' : nickOf(credentials);
    let session!: TransportSession;
    const connection = new IrcWsConnection(
      {
        id: `${this.#context.shardId}#${id}`,
        url: this.#options.url,
        webSocketConstructor: this.#options.webSocketConstructor,
        clock: this.#context.clock,
        logger: this.#context.logger,
        connectTimeoutMs: this.#options.connectTimeoutMs,
        keepaliveIntervalMs: this.#options.keepaliveIntervalMs,
        keepaliveTimeoutMs: this.#options.keepaliveTimeoutMs,
        closeTimeoutMs: this.#options.closeTimeoutMs,
      },
      {
        open: () => this.#guard(() => this.#onSocketOpen(session)),
        line: (line) => this.#guard(() => this.#onLine(session, line)),
        error: (error) => this.#emit('error', error),
        close: (reason) => this.#guard(() => this.#onSocketClosed(session, reason)),
      },
    );
    session = new TransportSession(id, role, credentials, nick, connection);
    if (role === 'active') this.#active = session;
    else {
      this.#replacement = session;
      this.#replacing = true;
    }
    this.#context.logger.debug('irc-ws: opening socket', { shard: this.#context.shardId, session: id, role });
    connection.open();
    return session;
  }

  #onSocketOpen(session: TransportSession): void {
    session.opened = true;
    if (this.#terminal) {
      void session.connection.close({ kind: 'stopped' });
      return;
    }
    if (session.role === 'active') this.#emit('connect');
    void this.#login(session);
  }

  async #login(session: TransportSession): Promise<void> {
    // CAP REQ first, before PASS/NICK, as every library does (protocol reference §1.3); it costs no auth attempt.
    this.#write(session, buildCapRequest());
    if (session.credentials === undefined) {
      let fetched: IrcCredentials;
      try {
        fetched = await this.#context.getCredentials();
      } catch (error) {
        if (session.ended || this.#terminal) return;
        // The shard refuses credentials the account already had rejected for good: retrying would only burn the
        // authentication budget (protocol reference §1.5, §4.4), so give up the same way a rejection does.
        if (AuthenticationError.isInstance(error)) {
          this.#context.logger.error('irc-ws: no usable credentials; the shard gives up', { shard: this.#context.shardId });
          void this.#teardown('failed', error);
          return;
        }
        const failure = toError(error);
        this.#emit('error', failure);
        session.settleLogin({ kind: 'failed', reason: { kind: 'error', error: failure }, reported: true });
        void session.connection.close({ kind: 'error', error: failure });
        return;
      }
      if (session.ended || this.#terminal) return;
      session.credentials = fetched;
      session.nick = nickOf(fetched);
    }
    try {
      await this.#context.limiter.acquireLogin(session.signal);
    } catch {
      return; // The session ended while waiting.
    }
    if (session.ended || this.#terminal) return;
    const credentials = session.credentials;
    if (credentials === undefined) return; // Unreachable: fetched above.
    try {
      // PASS must come before NICK (§1.3); anonymous logins send no PASS at all (§1.4).
      if (!credentials.anonymous && credentials.token !== null) {
        const pass = buildPass(credentials.token.reveal());
        this.#context.logger.debug('irc-ws > PASS oauth:[redacted]', { session: session.id });
        session.connection.write(pass);
      }
      this.#write(session, buildNick(session.nick));
    } catch (error) {
      // A malformed token or login cannot succeed; treat it like a rejection so the token handler may refresh it.
      const message = error instanceof Error ? error.message : 'invalid credentials';
      session.settleLogin({ kind: 'authenticationFailed', detail: redact(message, credentials), cause: undefined });
      void session.connection.close({ kind: 'authenticationFailed' });
      return;
    }
    session.loginTimer = this.#context.clock.setTimeout(() => {
      session.loginTimer = undefined;
      if (session.ready || session.ended) return;
      const error = new LoginTimeoutError('login', this.#options.loginTimeoutMs);
      session.settleLogin({ kind: 'failed', reason: { kind: 'error', error } });
      void session.connection.close({ kind: 'error', error });
    }, this.#options.loginTimeoutMs);
  }

  #onWelcome(session: TransportSession): void {
    if (session.ready || session.ended) return;
    this.#clearLoginTimer(session);
    session.ready = true;
    session.readyAt = this.#context.clock.now();
    session.settleLogin({ kind: 'ready' });
    this.#context.logger.info('irc-ws: logged in', { shard: this.#context.shardId, session: session.id, role: session.role });
    if (session.role === 'active') this.#onActiveReady(session);
    else if (session.role === 'replacement') this.#onReplacementReady(session);
  }

  #onActiveReady(session: TransportSession): void {
    this.#setStatus('ready');
    this.#emit('ready');
    this.#settleStart(undefined);
    this.#joinOn(session, [...this.#desired]);
    this.#pumpAll();
  }

  #scheduleReconnect(): void {
    if (this.#terminal || this.#reconnectTimer !== undefined) return;
    this.#setStatus('reconnecting');
    const delayMs = this.#backoff.next();
    const attempt = this.#backoff.attempt;
    this.#context.logger.info('irc-ws: reconnecting', { shard: this.#context.shardId, attempt, delayMs });
    this.#emit('reconnect', attempt, delayMs);
    this.#reconnectTimer = this.#context.clock.setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (!this.#terminal) void this.#establish('active');
    }, delayMs);
  }

  #failAuthentication(login: string, detail: string, cause: unknown): void {
    const error = new AuthenticationError({ login, shardId: this.#context.shardId, detail, cause });
    this.#context.logger.error('irc-ws: authentication failed; the shard gives up', {
      shard: this.#context.shardId,
      login,
    });
    void this.#teardown('failed', error);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // RECONNECT (make-before-break)

  #onReconnectRequested(session: TransportSession): void {
    if (session !== this.#active || !session.ready || this.#replacing || this.#terminal) return;
    this.#replacing = true;
    this.#context.logger.info('irc-ws: server asked to reconnect; opening the replacement first', {
      shard: this.#context.shardId,
      session: session.id,
    });
    this.#emit('reconnect', 1, 0);
    this.#graceElapsed = false;
    this.#graceTimer = this.#context.clock.setTimeout(() => {
      this.#graceTimer = undefined;
      this.#graceElapsed = true;
      const replacement = this.#replacement;
      if (replacement?.ready === true) this.#switchTo(replacement);
    }, this.#options.reconnectGraceMs);
    void this.#establish('replacement');
  }

  #onReplacementReady(session: TransportSession): void {
    this.#joinOn(session, [...this.#desired]);
    // Past the grace period the old socket may close any moment: take over now, the joins continue on this socket.
    if (this.#graceElapsed) this.#switchTo(session);
    else this.#maybeSwitch();
  }

  /** Switches to the replacement once it has settled every desired channel. */
  #maybeSwitch(): void {
    const replacement = this.#replacement;
    if (replacement === undefined || !replacement.ready || replacement.ended) return;
    const missing: string[] = [];
    for (const channel of this.#desired) {
      if (!replacement.joined.has(channel) && !replacement.joining.has(channel)) missing.push(channel);
    }
    if (missing.length > 0) this.#joinOn(replacement, missing);
    if (replacement.joining.size > 0) return;
    this.#switchTo(replacement);
  }

  #switchTo(next: TransportSession): void {
    if (this.#replacement !== next) return;
    this.#clearGraceTimer();
    this.#replacing = false;
    const old = this.#active;
    this.#replacement = undefined;
    next.role = 'active';
    this.#active = next;
    this.#context.logger.info('irc-ws: switched to the replacement socket', {
      shard: this.#context.shardId,
      from: old?.id,
      to: next.id,
    });
    if (old !== undefined && !old.ended) {
      old.role = 'draining';
      // Cancels its limiter waits: queued messages move on to the new socket.
      old.controller.abort();
      for (const channel of [...old.joining.keys()]) this.#cancelJoin(old, channel);
      this.#draining.add(old);
      this.#emit('disconnect', { kind: 'reconnectRequested' });
      this.#closeIfDrained(old);
    }
    this.#adoptJoinedChannels(next);
    if (this.#status !== 'ready') {
      this.#setStatus('ready');
      this.#emit('ready');
      this.#settleStart(undefined);
    }
    this.#pumpAll();
  }

  /** Settles waiters of channels the new active socket has joined, and joins what it still lacks. */
  #adoptJoinedChannels(session: TransportSession): void {
    for (const channel of session.joined) {
      if (this.#joinWaiters.has(channel)) {
        this.#settleJoinWaiters(channel, { channel, joined: true });
        this.#emit('join', channel);
      }
    }
    const missing = [...this.#desired].filter((channel) => !session.joined.has(channel) && !session.joining.has(channel));
    if (missing.length > 0) this.#joinOn(session, missing);
  }

  #abandonReplacement(): void {
    const replacement = this.#replacement;
    this.#clearGraceTimer();
    this.#replacing = false;
    if (replacement === undefined) return;
    this.#replacement = undefined;
    if (!replacement.ended) void replacement.connection.close({ kind: 'error', error: new Error('replacement abandoned') });
  }

  /**
   * Closes a draining socket once its written messages are settled and the active socket has finished joining the
   * channels the draining one still delivers (after a switch forced by `reconnectGraceMs`), so no channel goes dark.
   */
  #closeIfDrained(session: TransportSession): void {
    if (session.role !== 'draining' || session.ended || session.outstandingCount > 0) return;
    const active = this.#active;
    if (active !== undefined && !active.ended) {
      for (const channel of session.joined) {
        if (this.#desired.has(channel) && active.joining.has(channel)) return;
      }
    }
    void session.connection.close({ kind: 'reconnectRequested' });
  }

  #closeDrainedSessions(): void {
    for (const session of [...this.#draining]) this.#closeIfDrained(session);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Socket end

  #onSocketClosed(session: TransportSession, reason: DisconnectReason): void {
    if (session.ended) return;
    session.ended = true;
    session.controller.abort();
    this.#clearLoginTimer(session);
    for (const channel of [...session.joining.keys()]) this.#cancelJoin(session, channel);
    session.awaitingJoinUserState.clear();
    const disconnect: DisconnectReason = session.authenticationFailed ? { kind: 'authenticationFailed' } : reason;
    session.settleLogin({ kind: 'failed', reason: disconnect });
    this.#settleOutstandingAsUnknown(session);
    this.#draining.delete(session);
    this.#context.logger.info('irc-ws: socket closed', {
      shard: this.#context.shardId,
      session: session.id,
      role: session.role,
      reason: disconnect.kind,
    });

    if (session === this.#replacement) {
      this.#replacement = undefined;
      this.#replacing = false;
      this.#clearGraceTimer();
      if (session.ready && !this.#terminal) {
        this.#emit('error', disconnect.kind === 'error' ? disconnect.error : new Error(`replacement socket lost (${disconnect.kind})`));
      }
      return;
    }
    if (session !== this.#active) return;
    this.#active = undefined;
    if (session.opened) this.#emit('disconnect', disconnect);
    if (this.#terminal || !session.ready) return; // Not logged in: #establish handles the retry.
    if (this.#context.clock.now() - session.readyAt >= this.#options.stableSessionMs) this.#backoff.reset();
    if (this.#replacement !== undefined) this.#promoteReplacement();
    else if (this.#replacing) this.#setStatus('reconnecting'); // The replacement is still fetching credentials.
    else this.#scheduleReconnect();
  }

  /** The old socket died before the switch: the replacement (logged in or not) becomes the active socket now. */
  #promoteReplacement(): void {
    const next = this.#replacement;
    if (next === undefined) return;
    this.#replacement = undefined;
    this.#replacing = false;
    this.#clearGraceTimer();
    next.role = 'active';
    this.#active = next;
    if (next.ready) {
      this.#adoptJoinedChannels(next);
      this.#pumpAll();
    } else {
      this.#setStatus('reconnecting');
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Inbound lines

  #onLine(session: TransportSession, line: string): void {
    if (session.ended) return;
    this.#emit('raw', line);
    const parsed = parseIrcMessage(line);
    if (!parsed.ok) {
      this.#emit('error', new MalformedLineError(parsed.reason, parsed.raw, parsed.position));
      return;
    }
    this.#handleMessage(session, parsed);
  }

  #handleMessage(session: TransportSession, message: IrcMessage): void {
    const { command, params } = message;
    switch (command) {
      case 'PING':
        // The PONG must echo the PING's text, or the server closes the connection (§2).
        this.#write(session, buildPong(params[params.length - 1] ?? 'tmi.twitch.tv'));
        return;
      case 'PONG':
        return; // Liveness is tracked per frame by the connection.
      case 'CAP':
        this.#onCap(message);
        return;
      case '001':
        this.#onWelcome(session);
        return;
      case '002':
      case '003':
      case '004':
      case '372':
      case '375':
      case '376':
        return;
      case 'RECONNECT':
        this.#onReconnectRequested(session);
        return;
      case 'NOTICE':
        if (this.#onNotice(session, message)) return;
        break;
      case 'JOIN':
        if (this.#isSelf(session, message)) {
          for (const channel of channelsOf(params[0])) this.#onSelfJoin(session, channel);
          return;
        }
        break;
      case 'PART':
        if (this.#isSelf(session, message)) {
          for (const channel of channelsOf(params[0])) this.#onSelfPart(session, channel);
          return;
        }
        break;
      case 'USERSTATE':
        this.#onUserState(session, message);
        break;
      case 'ROOMSTATE': {
        const channel = channelsOf(params[0])[0];
        if (channel !== undefined) session.awaitingJoinUserState.delete(channel);
        break;
      }
      default:
        break;
    }
    this.#deliver(session, message);
  }

  /**
   * Delivers a message once: messages with an `id` tag are de-duplicated over a bounded window (Twitch resends, and
   * both sockets deliver during a RECONNECT overlap, §1.2 and §2); messages without one come only from the active
   * socket.
   */
  #deliver(session: TransportSession, message: IrcMessage): void {
    const id = message.tags.get('id');
    if (typeof id === 'string' && id !== '') {
      if (!this.#recentIds.add(id)) return;
    } else if (session.role !== 'active') {
      return;
    }
    if (message.command === 'PRIVMSG') {
      // Our own message, echoed to our other socket during a RECONNECT overlap (§3.2): not news to anyone.
      const nonce = message.tags.get('client-nonce');
      if (typeof nonce === 'string' && session.nick === message.nick && !this.#ownNonces.add(nonce)) return;
    }
    this.#emit('message', decodeTwitchMessage(message));
  }

  #onCap(message: IrcMessage): void {
    const subcommand = message.params[1]?.toUpperCase();
    const capabilities = (message.params[2] ?? '').split(' ').filter((capability) => capability !== '');
    if (subcommand === 'NAK') {
      this.#context.logger.warn('irc-ws: the server refused capabilities', { capabilities });
      this.#emit('error', new CapabilityRejectedError(capabilities));
    }
  }

  /** @returns `true` when the NOTICE was protocol plumbing (a login failure) and must not be delivered. */
  #onNotice(session: TransportSession, message: IrcMessage): boolean {
    const noticeId = message.tags.get('msg-id');
    const text = message.params[message.params.length - 1] ?? '';
    if (typeof noticeId !== 'string' || noticeId === '') {
      // Login failures carry no msg-id and are matched by text (§1.5).
      if (!session.ready && isAuthFailureText(text)) {
        session.authenticationFailed = true;
        session.settleLogin({ kind: 'authenticationFailed', detail: text });
        void session.connection.close({ kind: 'authenticationFailed' });
        return true;
      }
      return false;
    }
    const channel = channelsOf(message.params[0])[0];
    if (channel === undefined) return false;
    const joinReason = joinFailureReasonOf(noticeId);
    const sendReason = sendFailureReasonOf(noticeId);
    const pendingJoin = session.joining.get(channel);
    const oldestSend = session.outstanding.get(channel)?.[0];
    // A NOTICE answers the earlier of the pending JOIN and the oldest unconfirmed message to that channel.
    const answersJoin =
      joinReason !== undefined &&
      pendingJoin?.written === true &&
      (sendReason === undefined || oldestSend === undefined || pendingJoin.writeSequence < oldestSend.writeSequence);
    if (answersJoin) this.#joinFailed(session, channel, joinReason);
    else if (sendReason !== undefined && oldestSend !== undefined) this.#failSend(oldestSend, sendReason, `${noticeId}: ${text}`);
    return false;
  }

  #onUserState(session: TransportSession, message: IrcMessage): void {
    const channel = channelsOf(message.params[0])[0];
    if (channel === undefined) return;
    // Privilege (moderator, broadcaster, VIP) is learnt by the Shard from the delivered USERSTATE (core's Shard calls
    // limiter.setChannelRole), so the transport does not set it a second time.
    const id = message.tags.get('id');
    const hasId = typeof id === 'string' && id !== '';
    if (!hasId && session.awaitingJoinUserState.delete(channel)) return; // The USERSTATE that follows a JOIN (§3.8).
    const list = session.outstanding.get(channel);
    if (list === undefined || list.length === 0) return;
    const nonce = message.tags.get('client-nonce');
    let entry = list[0];
    if (typeof nonce === 'string') entry = list.find((candidate) => candidate.nonce === nonce) ?? entry;
    if (entry !== undefined) this.#confirmSend(entry, hasId ? id : undefined);
  }

  #isSelf(session: TransportSession, message: IrcMessage): boolean {
    return message.nick !== undefined && message.nick.toLowerCase() === session.nick;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Joins

  /** Starts joining `channels` on `session`: room reservation, JOIN slot, bulk JOIN line, timeout. */
  #joinOn(session: TransportSession, channels: readonly string[]): void {
    for (const channel of channels) {
      if (session.joined.has(channel) || session.joining.has(channel) || !this.#desired.has(channel)) continue;
      const pending: PendingJoin = { written: false, writeSequence: 0, timer: undefined, attempts: 0 };
      session.joining.set(channel, pending);
      void this.#joinOne(session, channel, pending);
    }
  }

  async #joinOne(session: TransportSession, channel: string, pending: PendingJoin): Promise<void> {
    const stillWanted = (): boolean =>
      !this.#terminal && !session.ended && session.joining.get(channel) === pending && this.#desired.has(channel);
    try {
      const granted = await this.#reserveRoom(channel);
      if (!stillWanted()) return;
      if (!granted) {
        this.#joinFailed(session, channel, 'concurrentRoomCap');
        return;
      }
      await this.#context.limiter.acquireJoin(session.signal);
    } catch (error) {
      if (!stillWanted()) return;
      this.#emit('error', toError(error));
      this.#cancelJoin(session, channel);
      return;
    }
    if (!stillWanted()) return;
    session.joinBatch.push(channel);
    if (!session.joinFlushScheduled) {
      session.joinFlushScheduled = true;
      // Channels whose slots were granted together go out as one `JOIN #a,#b` (§3.8): one slot per channel still.
      queueMicrotask(() => this.#guard(() => this.#flushJoins(session)));
    }
  }

  #flushJoins(session: TransportSession): void {
    session.joinFlushScheduled = false;
    const batch = session.joinBatch;
    session.joinBatch = [];
    if (session.ended) return;
    const channels = batch.filter((channel) => session.joining.has(channel) && this.#desired.has(channel));
    if (channels.length === 0) return;
    // buildJoin keeps each line within Twitch's 4096-character limit (§1.2).
    for (const line of buildJoin(channels)) this.#write(session, line);
    const sequence = ++this.#writeSequence;
    for (const channel of channels) {
      const pending = session.joining.get(channel);
      if (pending === undefined) continue;
      pending.written = true;
      pending.writeSequence = sequence;
      pending.attempts++;
      // The join timeout starts when the JOIN has left the limiter and is on the wire.
      pending.timer = this.#context.clock.setTimeout(() => {
        pending.timer = undefined;
        if (session.joining.get(channel) === pending) this.#joinTimedOut(session, channel, pending);
      }, this.#options.joinTimeoutMs);
    }
  }

  /**
   * No answer to a JOIN. Silence is not definitive (protocol reference §3.10: Twitch is silent for nonexistent
   * channels, and also loses JOINs on long-lived sessions, §5 item 14), so the channel stays desired and the JOIN is
   * sent again through the JOIN limiter after a back-off, up to `joinAttempts` in all; only then it fails (design note
   * P6). The entry stays in `joining` meanwhile, so a late echo or NOTICE still settles it.
   */
  #joinTimedOut(session: TransportSession, channel: string, pending: PendingJoin): void {
    if (pending.attempts >= this.#options.joinAttempts) {
      this.#joinFailed(session, channel, 'timeout');
      return;
    }
    const delayMs = Math.min(this.#options.joinTimeoutMs * pending.attempts, MAX_JOIN_RETRY_DELAY_MS);
    this.#context.logger.info('irc-ws: no answer to JOIN; retrying', {
      shard: this.#context.shardId,
      channel,
      attempt: pending.attempts,
      delayMs,
    });
    pending.timer = this.#context.clock.setTimeout(() => {
      pending.timer = undefined;
      if (session.joining.get(channel) === pending) void this.#joinOne(session, channel, pending);
    }, delayMs);
  }

  #onSelfJoin(session: TransportSession, channel: string): void {
    const pending = session.joining.get(channel);
    if (pending === undefined) {
      // A duplicate echo, or a late one for a JOIN given up on (timeout): leave the room we no longer want.
      if (!session.joined.has(channel) && !this.#desired.has(channel) && !session.requestedParts.has(channel)) {
        session.requestedParts.add(channel);
        for (const line of buildPart([channel])) this.#write(session, line);
      }
      return;
    }
    this.#clearJoinTimer(pending);
    session.joining.delete(channel);
    if (!this.#desired.has(channel)) {
      session.requestedParts.add(channel);
      for (const line of buildPart([channel])) this.#write(session, line);
      return;
    }
    session.joined.add(channel);
    session.awaitingJoinUserState.add(channel);
    this.#context.limiter.confirmRoom(channel);
    if (session.role === 'active') {
      this.#settleJoinWaiters(channel, { channel, joined: true });
      this.#emit('join', channel);
      if (this.#draining.size > 0) this.#closeDrainedSessions();
    } else if (session.role === 'replacement') {
      this.#maybeSwitch();
    }
  }

  #onSelfPart(session: TransportSession, channel: string): void {
    if (session.requestedParts.delete(channel)) return;
    const wasJoined = session.joined.delete(channel);
    if (!wasJoined || session.role !== 'active') return;
    // Twitch parts the bot itself when it is banned from the room (§3.8): leave the desired set, free the room.
    this.#context.logger.warn('irc-ws: the server parted the bot from a channel (banned?)', {
      shard: this.#context.shardId,
      channel,
    });
    this.#desired.delete(channel);
    this.#releaseRoom(channel);
    const replacement = this.#replacement;
    if (replacement !== undefined) {
      if (replacement.joining.has(channel)) this.#cancelJoin(replacement, channel);
      if (replacement.joined.delete(channel)) {
        replacement.requestedParts.add(channel);
        for (const line of buildPart([channel])) this.#write(replacement, line);
      }
    }
    this.#emit('part', channel);
  }

  #joinFailed(session: TransportSession, channel: string, reason: JoinFailureReason): void {
    this.#cancelJoin(session, channel);
    if (!this.#desired.has(channel) || session.role === 'draining') return;
    this.#context.logger.warn('irc-ws: join failed', { shard: this.#context.shardId, channel, reason });
    this.#desired.delete(channel);
    this.#releaseRoom(channel);
    for (const other of this.#liveSessions()) {
      if (other === session) continue;
      if (other.joining.has(channel)) this.#cancelJoin(other, channel);
      if (other.joined.delete(channel)) {
        other.requestedParts.add(channel);
        for (const line of buildPart([channel])) this.#write(other, line);
        if (other === this.#active) this.#emit('part', channel);
      }
    }
    this.#settleJoinWaiters(channel, { channel, joined: false, reason });
    this.#emit('joinFailure', channel, reason);
    this.#maybeSwitch();
    if (this.#draining.size > 0) this.#closeDrainedSessions();
  }

  #cancelJoin(session: TransportSession, channel: string): void {
    const pending = session.joining.get(channel);
    if (pending === undefined) return;
    this.#clearJoinTimer(pending);
    session.joining.delete(channel);
    if (session === this.#active && this.#draining.size > 0) this.#closeDrainedSessions();
  }

  #settleJoinWaiters(channel: string, result: JoinResult): void {
    const waiters = this.#joinWaiters.get(channel);
    if (waiters === undefined) return;
    this.#joinWaiters.delete(channel);
    for (const waiter of waiters) waiter(result);
  }

  /**
   * Reserves a place under the account's room cap once per channel; the reservation is kept across reconnects while
   * the channel stays desired (§4.3), and shared by both sockets during a RECONNECT overlap.
   */
  #reserveRoom(channel: string): Promise<boolean> {
    const existing = this.#rooms.get(channel);
    if (existing !== undefined) return existing.promise;
    const entry: RoomEntry = { promise: Promise.resolve(false), settled: false, granted: false };
    entry.promise = this.#context.limiter.reserveRoom(channel, this.#stopController.signal).then(
      (reservation) => {
        entry.settled = true;
        entry.granted = reservation.granted;
        if (this.#rooms.get(channel) !== entry) {
          // Released while waiting: give the place back at once.
          if (reservation.granted) this.#context.limiter.releaseRoom(channel);
          return false;
        }
        if (!reservation.granted) this.#rooms.delete(channel);
        return reservation.granted;
      },
      (error: unknown) => {
        entry.settled = true;
        if (this.#rooms.get(channel) === entry) this.#rooms.delete(channel);
        throw error;
      },
    );
    this.#rooms.set(channel, entry);
    return entry.promise;
  }

  #releaseRoom(channel: string): void {
    const entry = this.#rooms.get(channel);
    if (entry === undefined) return;
    this.#rooms.delete(channel);
    if (entry.settled && entry.granted) this.#context.limiter.releaseRoom(channel);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Send queue

  /** The session sends are written to: the active one, once logged in. */
  #sendSession(): TransportSession | undefined {
    const session = this.#active;
    return session !== undefined && session.ready && !session.ended && session.connection.isOpen ? session : undefined;
  }

  #pumpAll(): void {
    for (const channel of this.#lanes.keys()) void this.#pumpLane(channel);
  }

  /** Writes one channel's queued messages in order, each after the message limiter allows it. */
  async #pumpLane(channel: string): Promise<void> {
    if (this.#pumping.has(channel)) return;
    this.#pumping.add(channel);
    try {
      for (;;) {
        const session = this.#sendSession();
        const lane = this.#lanes.get(channel);
        const entry = lane?.[0];
        if (session === undefined || lane === undefined || entry === undefined || this.#terminal) break;
        const controller = new AbortController();
        entry.waitController = controller;
        const onSessionEnd = (): void => controller.abort();
        session.signal.addEventListener('abort', onSessionEnd, { once: true });
        try {
          await this.#context.limiter.acquireMessage(channel, controller.signal);
        } catch {
          // Aborted: the entry was withdrawn, or the session ended. The loop decides what is next.
        } finally {
          session.signal.removeEventListener('abort', onSessionEnd);
          entry.waitController = undefined;
        }
        if (entry.state !== 'queued' || controller.signal.aborted) continue;
        if (this.#sendSession() !== session) continue;
        if (this.#context.clock.now() > entry.request.deadline) {
          this.#failSend(entry, 'timeout', 'the deadline passed before the message could be written');
          continue;
        }
        if (!session.connection.write(entry.line)) {
          if (session.connection.isOpen) this.#failSend(entry, 'other', 'the socket refused the write');
          continue;
        }
        this.#context.logger.debug('irc-ws > PRIVMSG', { session: session.id, channel });
        this.#markWritten(session, entry);
      }
    } catch (error) {
      this.#emit('error', toError(error));
    } finally {
      this.#pumping.delete(channel);
      const lane = this.#lanes.get(channel);
      if (lane !== undefined && lane.length === 0) this.#lanes.delete(channel);
    }
  }

  #markWritten(session: TransportSession, entry: SendEntry): void {
    const lane = this.#lanes.get(entry.channel);
    if (lane !== undefined && lane[0] === entry) lane.shift();
    this.#queuedCount--;
    entry.state = 'written';
    entry.session = session;
    entry.writeSequence = ++this.#writeSequence;
    entry.sentAt = this.#context.clock.now();
    entry.request.signal?.removeEventListener('abort', entry.onAbort);
    this.#ownNonces.add(entry.nonce);
    if (entry.timer !== undefined) this.#context.clock.clearTimeout(entry.timer);
    entry.timer = this.#context.clock.setTimeout(() => {
      entry.timer = undefined;
      if (entry.state === 'written') {
        this.#failSend(entry, 'unconfirmed', `written, but no confirmation within ${this.#options.sendConfirmationTimeoutMs} ms`);
      }
    }, this.#options.sendConfirmationTimeoutMs);
    const list = session.outstanding.get(entry.channel);
    if (list === undefined) session.outstanding.set(entry.channel, [entry]);
    else list.push(entry);
  }

  #confirmSend(entry: SendEntry, messageId: string | undefined): void {
    if (!this.#finishSend(entry)) return;
    const sent: SentMessage =
      messageId === undefined
        ? { channel: entry.channel, text: entry.request.text, shardId: this.#context.shardId, sentAt: entry.sentAt }
        : { channel: entry.channel, text: entry.request.text, messageId, shardId: this.#context.shardId, sentAt: entry.sentAt };
    entry.resolve(sent);
  }

  #failSend(entry: SendEntry, reason: SendFailureReason, detail?: string, cause?: unknown): void {
    if (!this.#finishSend(entry)) return;
    entry.reject(this.#sendError(reason, entry.channel, detail, cause));
  }

  /** Takes an entry out of the queue or the outstanding list and clears its timers; `false` if already settled. */
  #finishSend(entry: SendEntry): boolean {
    if (entry.state === 'settled') return false;
    const previous = entry.state;
    entry.state = 'settled';
    if (entry.timer !== undefined) {
      this.#context.clock.clearTimeout(entry.timer);
      entry.timer = undefined;
    }
    entry.request.signal?.removeEventListener('abort', entry.onAbort);
    entry.waitController?.abort();
    if (previous === 'queued') {
      const lane = this.#lanes.get(entry.channel);
      const index = lane?.indexOf(entry) ?? -1;
      if (lane !== undefined && index !== -1) lane.splice(index, 1);
      this.#queuedCount--;
    } else {
      const session = entry.session;
      const list = session?.outstanding.get(entry.channel);
      const index = list?.indexOf(entry) ?? -1;
      if (list !== undefined && index !== -1) {
        list.splice(index, 1);
        if (list.length === 0) session?.outstanding.delete(entry.channel);
      }
      if (session !== undefined) this.#closeIfDrained(session);
    }
    return true;
  }

  /**
   * The socket closed after these messages were written but before Twitch confirmed them. Twitch may or may not have
   * delivered them; resending could post them twice, so they reject with `unconfirmed` (like a confirmation timeout).
   */
  #settleOutstandingAsUnknown(session: TransportSession): void {
    const entries = [...session.outstanding.values()].flat();
    if (entries.length === 0) return;
    this.#context.logger.warn('irc-ws: socket closed before messages were confirmed; not resending them', {
      shard: this.#context.shardId,
      count: entries.length,
    });
    for (const entry of entries) this.#failSend(entry, 'unconfirmed', 'the socket closed before Twitch confirmed the message');
  }

  #sendError(reason: SendFailureReason, channel: string, detail?: string, cause?: unknown): SendError {
    return new SendError(reason, {
      channel,
      shardId: this.#context.shardId,
      ...(detail === undefined ? {} : { detail }),
      ...(cause === undefined ? {} : { cause }),
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Teardown

  async #teardown(finalStatus: 'stopped' | 'failed', error: AuthenticationError | undefined): Promise<void> {
    if (this.#terminal) {
      await this.exited;
      return;
    }
    this.#terminal = true;
    this.#stopController.abort();
    if (this.#reconnectTimer !== undefined) {
      this.#context.clock.clearTimeout(this.#reconnectTimer);
      this.#reconnectTimer = undefined;
    }
    this.#clearGraceTimer();
    for (const channel of [...this.#joinWaiters.keys()]) {
      this.#settleJoinWaiters(channel, { channel, joined: false, reason: 'stopped' });
    }
    for (const lane of [...this.#lanes.values()]) {
      for (const entry of [...lane]) this.#failSend(entry, 'stopped');
    }
    this.#replacing = false;
    const sessions = this.#liveSessions();
    const reason: DisconnectReason = finalStatus === 'failed' ? { kind: 'authenticationFailed' } : { kind: 'stopped' };
    await Promise.all(
      sessions.map((session) => {
        for (const channel of [...session.joining.keys()]) this.#cancelJoin(session, channel);
        session.controller.abort();
        return session.connection.close(reason);
      }),
    );
    for (const channel of [...this.#rooms.keys()]) this.#releaseRoom(channel);
    this.#active = undefined;
    this.#replacement = undefined;
    this.#draining.clear();
    this.#setStatus(finalStatus);
    // After the first login nobody awaits start() any more: report a later authentication failure as an error event.
    if (error !== undefined && this.#rejectStart === undefined) this.#emit('error', error);
    this.#settleStart(error ?? new StoppedError(`Starting shard "${this.#context.shardId}"`));
    this.#context.logger.info('irc-ws: transport ended', { shard: this.#context.shardId, status: finalStatus });
    this.#resolveExited();
  }

  #liveSessions(): TransportSession[] {
    const sessions: TransportSession[] = [];
    if (this.#active !== undefined && !this.#active.ended) sessions.push(this.#active);
    if (this.#replacement !== undefined && !this.#replacement.ended) sessions.push(this.#replacement);
    for (const session of this.#draining) if (!session.ended) sessions.push(session);
    return sessions;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  #settleStart(error: Error | undefined): void {
    const resolve = this.#resolveStart;
    const reject = this.#rejectStart;
    this.#resolveStart = undefined;
    this.#rejectStart = undefined;
    if (error === undefined) resolve?.();
    else reject?.(error);
  }

  #setStatus(status: ShardStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#emit('status', status);
  }

  #write(session: TransportSession, line: string): void {
    if (session.connection.write(line)) this.#context.logger.debug('irc-ws >', { session: session.id, line });
  }

  #clearLoginTimer(session: TransportSession): void {
    if (session.loginTimer !== undefined) {
      this.#context.clock.clearTimeout(session.loginTimer);
      session.loginTimer = undefined;
    }
  }

  #clearJoinTimer(pending: PendingJoin): void {
    if (pending.timer !== undefined) {
      this.#context.clock.clearTimeout(pending.timer);
      pending.timer = undefined;
    }
  }

  #clearGraceTimer(): void {
    if (this.#graceTimer !== undefined) {
      this.#context.clock.clearTimeout(this.#graceTimer);
      this.#graceTimer = undefined;
    }
  }

  /** Calls an event sink callback; an exception in it is reported as an `error` event and never escapes. */
  #emit<K extends keyof TransportEventSink>(name: K, ...args: Parameters<TransportEventSink[K]>): void {
    const events = this.#context.events;
    try {
      (events[name] as (...values: Parameters<TransportEventSink[K]>) => void).apply(events, args);
    } catch (error) {
      if (name === 'error') {
        this.#context.logger.error('irc-ws: the error event handler threw', { error: String(error) });
        return;
      }
      this.#emit('error', new EventSinkError(name, error));
    }
  }

  #guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.#emit('error', toError(error));
    }
  }
}

interface RoomEntry {
  promise: Promise<boolean>;
  settled: boolean;
  granted: boolean;
}

/** Compile-time check that the class satisfies the transport contract, statics included. */
const transportCheck: Transport<IrcWsTransportOptions> = IrcWsTransport;
void transportCheck;

function channelsOf(parameter: string | undefined): string[] {
  if (parameter === undefined) return [];
  const channels: string[] = [];
  for (const target of parameter.split(',')) {
    if (target.length > 1 && target.charCodeAt(0) === 0x23 /* # */) channels.push(target.slice(1));
  }
  return channels;
}

/** The nick to send for `credentials`: the login, or a random `justinfan` nick for anonymous credentials without one. */
function nickOf(credentials: IrcCredentials): string {
  if (!credentials.anonymous) return credentials.login.toLowerCase();
  return ANONYMOUS_LOGIN.test(credentials.login) ? credentials.login : `justinfan${Math.floor(10_000 + Math.random() * 90_000)}`;
}

/** Removes the token from a message, in case an error ever quotes it. */
function redact(message: string, credentials: IrcCredentials): string {
  const token = credentials.token?.reveal();
  return token !== undefined && token !== '' ? message.split(token).join('[redacted]') : message;
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
