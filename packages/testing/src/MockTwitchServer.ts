import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { simulateChat as runChatSimulation } from './ChatSimulator.js';
import { systemClock, type Clock, type TimerHandle } from './Clock.js';
import type {
  ChatMessageOptions,
  ClearchatOptions,
  ClearmsgOptions,
  EmotePosition,
  InjectedMessage,
  SimulateChatOptions,
  SimulatedChat,
  UsernoticeOptions,
} from './InjectionOptions.js';
import {
  DefaultAccountLimits,
  DefaultMockTwitchServerOptions,
  type AccountLimits,
  type BotLevel,
  type ChannelState,
  type FramingMode,
  type MockAccountOptions,
  type MockTwitchServerOptions,
  type WindowLimit,
} from './MockTwitchServerOptions.js';
import type {
  DisconnectEvent,
  JoinOutcome,
  MockTwitchServerEvents,
  PrivmsgEvent,
  Violation,
  ViolationKind,
} from './MockTwitchServerEvents.js';
import type { AccountStats, ConnectionInfo, MockTwitchServerStats } from './MockTwitchServerStats.js';
import { Prng } from './Prng.js';
import { parseIrcLine, serializeTags, splitFrameLines, type IrcMessage } from './protocol/IrcMessage.js';
import { SlidingWindow } from './SlidingWindow.js';

/** Capabilities Twitch supports (twitch-protocol.md §1.3). */
const SupportedCapabilities = new Set(['twitch.tv/commands', 'twitch.tv/membership', 'twitch.tv/tags']);
/** `justinfan` + digits logs in anonymously (§1.4, dank-twitch-irc's pattern). */
const AnonymousLoginPattern = /^justinfan\d+$/;
/** Channel logins: `[a-z0-9_]`, 1–25 characters; upper case reaches a ghost room (§4.8, §3.10). */
const ChannelNamePattern = /^[A-Za-z0-9_]{1,25}$/;
/** Replies remember this many recent messages to fill `reply-parent-*` tags. */
const RecentMessageCapacity = 10_000;

type Capability = 'commands' | 'membership' | 'tags';
type DisconnectReason = DisconnectEvent['reason'];

/** A line the mock is about to write, with the capability it needs. */
interface OutLine {
  readonly tags?: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
  readonly requires?: Capability;
}

interface ChannelRecord {
  readonly name: string;
  readonly ghost: boolean;
  roomId: string;
  suspended: boolean;
  banned: boolean;
  nonexistent: boolean;
  slowMode: number;
  followersOnly: number;
  emoteOnly: boolean;
  subsOnly: boolean;
  r9k: boolean;
}

interface AccountRecord {
  readonly login: string;
  readonly token: string;
  readonly userId: string;
  readonly botLevel: BotLevel;
  readonly displayName: string;
  readonly color: string;
  readonly moderatorIn: Set<string>;
  readonly vipIn: Set<string>;
}

/** Per-login rate-limit state; exists for unknown logins too, because failed logins count (§4.4). */
interface LoginState {
  readonly login: string;
  limits: AccountLimits;
  readonly loginWindow: SlidingWindow;
  readonly joinWindow: SlidingWindow;
  readonly privmsgWindow: SlidingWindow;
  readonly privmsgModeratorWindow: SlidingWindow;
  readonly channelWindows: Map<string, SlidingWindow>;
  readonly lastDelivered: Map<string, { readonly text: string; readonly at: number }>;
  penaltyUntil: number;
  readonly logins: number[];
  readonly joins: number[];
  messagesSent: number;
  peakRooms: number;
}

interface RecentMessage {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly userId: string;
  readonly text: string;
  readonly thread: { readonly id: string; readonly login: string; readonly displayName: string; readonly userId: string };
}

class Connection {
  readonly capabilities = new Set<Capability>();
  readonly channels = new Set<string>();
  /** Rooms taken by a PRIVMSG without JOIN, when `privmsgWithoutJoin` is `'takesRoom'`. */
  readonly sendRooms = new Set<string>();
  readonly received: string[] = [];
  readonly pending: string[] = [];
  readonly inbound: RawData[] = [];
  readonly outbound: Array<string | Buffer> = [];
  pass: string | undefined;
  login: string | undefined;
  anonymous = false;
  loggedIn = false;
  closed = false;
  stalled = false;
  closeReason: DisconnectReason | undefined;
  pingTimer: TimerHandle | undefined;
  pongTimer: TimerHandle | undefined;
  reconnectTimer: TimerHandle | undefined;

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    readonly connectedAt: number,
  ) {}

  /** The name Twitch uses in numerics before NICK is known. */
  get name(): string {
    return this.login ?? '*';
  }
}

/**
 * A Twitch-faithful mock of Twitch chat over WebSocket (the Twitch Messaging Interface), for testing bots offline.
 * It listens on 127.0.0.1 only, implements login, capabilities, JOIN/PART, chat relay, keepalive and Twitch's
 * per-account rate limits, records every limit violation, and can inject chat and faults.
 *
 * Every behaviour follows the protocol reference (`twitch-protocol.md`); where it is silent the choice is
 * documented on the option or method.
 *
 * @example
 * ```ts
 * const server = new MockTwitchServer({ accounts: [{ login: 'mybot', token: 'secret' }] });
 * await server.start();
 * // connect your bot to server.url with PASS oauth:secret / NICK mybot
 * server.chat('somechannel', { login: 'viewer', text: 'hello bot' });
 * await server.stop();
 * ```
 */
export class MockTwitchServer extends EventEmitter<MockTwitchServerEvents> {
  private readonly options: MockTwitchServerOptions;
  private readonly clock: Clock;
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly loginStates = new Map<string, LoginState>();
  private readonly channelRecords = new Map<string, ChannelRecord>();
  private readonly connectionsById = new Map<string, Connection>();
  private readonly recentMessages = new Map<string, RecentMessage>();
  private readonly violationList: Violation[] = [];
  private readonly simulations = new Set<SimulatedChat>();
  private readonly framingPrng: Prng;
  private anonymousJoinWindow: SlidingWindow | undefined;
  private httpServer: Server | undefined;
  private webSocketServer: WebSocketServer | undefined;
  private boundPort: number | undefined;
  private connectionCounter = 0;
  private refuseCount = 0;
  private framing: FramingMode;
  private messagesReceived = 0;
  private messagesRelayed = 0;
  private messagesInjected = 0;
  private messagesDropped = 0;
  private messagesRejected = 0;

  /**
   * Creates a stopped server; call {@link MockTwitchServer.start} to listen.
   *
   * @param options - see {@link MockTwitchServerOptions}; every field is optional
   */
  constructor(options: MockTwitchServerOptions = {}) {
    super();
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.framing = options.framing ?? DefaultMockTwitchServerOptions.framing;
    this.framingPrng = new Prng(options.framingSeed ?? DefaultMockTwitchServerOptions.framingSeed);
    const anonymous = options.limits?.anonymousJoin;
    if (anonymous !== undefined) this.anonymousJoinWindow = new SlidingWindow(anonymous.count, anonymous.windowMs);
    for (const account of options.accounts ?? []) this.addAccount(account);
    for (const [name, state] of Object.entries(options.channels ?? {})) this.setChannelState(name, state);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Binds the WebSocket server on 127.0.0.1.
   *
   * @returns a promise that resolves once the server listens
   * @throws the listen error, e.g. when a fixed `port` is taken
   */
  async start(): Promise<void> {
    if (this.httpServer !== undefined) return;
    const webSocketServer = new WebSocketServer({ noServer: true });
    const httpServer = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' });
      response.end('WebSocket upgrade required\n');
    });
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (this.refuseCount > 0) {
        this.refuseCount--;
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      webSocketServer.handleUpgrade(request, socket, head, (webSocket) => this.accept(webSocket));
    });
    this.httpServer = httpServer;
    this.webSocketServer = webSocketServer;
    try {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(this.options.port ?? DefaultMockTwitchServerOptions.port, '127.0.0.1', () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      // Not listening (e.g. EADDRINUSE): a later start() must try again instead of returning as if it ran.
      this.httpServer = undefined;
      this.webSocketServer = undefined;
      throw error;
    }
    this.boundPort = (httpServer.address() as AddressInfo).port;
  }

  /**
   * Stops every simulation, cancels every timer, ends every socket and closes the listener. Leaves no open handle.
   *
   * @returns a promise that resolves once everything is closed
   */
  async stop(): Promise<void> {
    for (const simulation of this.simulations) simulation.stop();
    this.simulations.clear();
    for (const connection of this.connectionsById.values()) {
      connection.closeReason ??= 'stopped';
      this.clearTimers(connection);
      connection.socket.terminate();
    }
    const httpServer = this.httpServer;
    const webSocketServer = this.webSocketServer;
    this.httpServer = undefined;
    this.webSocketServer = undefined;
    if (webSocketServer !== undefined) await new Promise<void>((resolve) => webSocketServer.close(() => resolve()));
    if (httpServer !== undefined) {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    }
    this.boundPort = undefined;
  }

  /**
   * The bound port.
   *
   * @throws Error when the server is not started
   */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('MockTwitchServer is not listening: await server.start() first');
    return this.boundPort;
  }

  /**
   * The URL to connect to, `ws://127.0.0.1:<port>`.
   *
   * @throws Error when the server is not started
   */
  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Accounts and channels

  /**
   * Adds (or replaces) an account the mock accepts logins for.
   *
   * @param account - login, token and optional id, level, display name, color and moderator/VIP channels
   */
  addAccount(account: MockAccountOptions): void {
    const login = account.login.toLowerCase();
    const token = account.token.startsWith('oauth:') ? account.token.slice('oauth:'.length) : account.token;
    this.accounts.set(login, {
      login,
      token,
      userId: account.userId ?? stableId(`user:${login}`),
      botLevel: account.botLevel ?? 'regular',
      displayName: account.displayName ?? login,
      color: account.color ?? '',
      moderatorIn: new Set((account.moderatorIn ?? []).map(stripHash)),
      vipIn: new Set((account.vipIn ?? []).map(stripHash)),
    });
    const state = this.loginStates.get(login);
    if (state !== undefined) state.limits = this.limitsFor(account.botLevel ?? 'regular');
  }

  /**
   * Sets the state of a channel (creating it). Mode changes are announced to joined connections with a partial
   * ROOMSTATE (§3.6); turning `banned` on removes joined accounts with a CLEARCHAT and a PART (§5.10).
   *
   * @param channel - the channel login, with or without `#`
   * @param state - the fields to change
   * @throws Error when the name is not a valid channel name
   */
  setChannelState(channel: string, state: ChannelState): void {
    const record = this.channelRecord(stripHash(channel), true);
    if (record === undefined) {
      throw new Error(`setChannelState(): "${channel}" is not a channel name; use 1–25 characters of [A-Za-z0-9_] (twitch-protocol.md §4.8)`);
    }
    const changed: Array<[string, string]> = [];
    const set = <K extends keyof ChannelRecord>(key: K, value: ChannelRecord[K] | undefined, tag?: string, wire?: string): void => {
      if (value === undefined || record[key] === value) return;
      record[key] = value;
      if (tag !== undefined && wire !== undefined) changed.push([tag, wire]);
    };
    set('roomId', state.roomId);
    set('suspended', state.suspended);
    set('nonexistent', state.nonexistent);
    set('emoteOnly', state.emoteOnly, 'emote-only', state.emoteOnly ? '1' : '0');
    set('followersOnly', state.followersOnly, 'followers-only', String(state.followersOnly));
    set('r9k', state.r9k, 'r9k', state.r9k ? '1' : '0');
    set('slowMode', state.slowMode, 'slow', String(state.slowMode));
    set('subsOnly', state.subsOnly, 'subs-only', state.subsOnly ? '1' : '0');
    if (changed.length > 0) {
      changed.push(['room-id', record.roomId]);
      changed.sort(([a], [b]) => (a < b ? -1 : 1));
      for (const connection of this.connectionsIn(record.name)) {
        this.write(connection, [{ tags: changed, body: `:tmi.twitch.tv ROOMSTATE #${record.name}`, requires: 'commands' }]);
      }
    }
    if (state.banned !== undefined && state.banned !== record.banned) {
      record.banned = state.banned;
      if (state.banned) this.kickBannedAccounts(record);
    }
  }

  /**
   * Makes an account moderator (or not) in a channel. A moderator's USERSTATE carries `moderator/1`, `mod=1` and
   * `user-type=mod`; the room stops counting against the 100-room cap and messages there draw only on the
   * 100/30 s bucket (§4.1, §4.3). Joined connections of the account get a new USERSTATE.
   *
   * @param channel - the channel login, with or without `#`
   * @param login - the account login
   * @param moderator - `true` to grant, `false` to revoke
   * @throws Error when the account is unknown
   */
  setModerator(channel: string, login: string, moderator: boolean): void {
    this.setRole(channel, login, 'moderatorIn', moderator);
  }

  /**
   * Makes an account VIP (or not) in a channel: `vip/1` badge, exempt from the 1 message/s channel limit and the
   * 20/30 s bucket like moderators (§4.1). VIPs still count against the 100-room cap (§4.3 exempts only
   * broadcaster and moderator rooms).
   *
   * @param channel - the channel login, with or without `#`
   * @param login - the account login
   * @param vip - `true` to grant, `false` to revoke
   * @throws Error when the account is unknown
   */
  setVip(channel: string, login: string, vip: boolean): void {
    this.setRole(channel, login, 'vipIn', vip);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Injection

  /**
   * Delivers a chat message from a (simulated) user to every connection joined to the channel, with Twitch's full
   * tag set (id, tmi-sent-ts, room-id, user-id, badges, emotes, reply-parent-*, …).
   *
   * @param channel - the channel login, with or without `#`
   * @param message - the sender and text; see {@link ChatMessageOptions}
   * @returns the message id, the line and how many connections got it
   */
  chat(channel: string, message: ChatMessageOptions): InjectedMessage {
    const name = stripHash(channel);
    // Injection never creates a channel, so autoCreateChannels: false keeps meaning what it says.
    const record = this.channelRecords.get(name);
    const login = message.login.toLowerCase();
    const id = message.id ?? randomUUID();
    const userId = message.userId ?? this.accounts.get(login)?.userId ?? stableId(`user:${login}`);
    const displayName = message.displayName ?? this.accounts.get(login)?.displayName ?? login;
    const badges = message.badges ?? '';
    const tags: Record<string, string> = {
      'badge-info': message.badgeInfo ?? '',
      badges,
      color: message.color ?? '',
      'display-name': displayName,
      emotes: formatEmotes(message.emotes),
      'first-msg': '0',
      flags: '',
      id,
      mod: badges.includes('moderator/') ? '1' : '0',
      'returning-chatter': '0',
      'room-id': record?.roomId ?? stableId(`room:${name}`),
      subscriber: /(^|,)(subscriber|founder)\//.test(badges) ? '1' : '0',
      'tmi-sent-ts': String(this.clock.now()),
      turbo: badges.includes('turbo/') ? '1' : '0',
      'user-id': userId,
      'user-type': badges.includes('moderator/') ? 'mod' : '',
    };
    if (badges.includes('vip/')) tags['vip'] = '1';
    const text = message.action === true ? `\u0001ACTION ${message.text}\u0001` : message.text;
    if (message.replyTo !== undefined) Object.assign(tags, this.replyTags(message.replyTo));
    Object.assign(tags, message.tags ?? {});
    this.remember({ id, login, displayName, userId, text }, message.replyTo);
    const line: OutLine = { tags: sortedTags(tags), body: `:${login}!${login}@${login}.tmi.twitch.tv PRIVMSG #${name} :${text}` };
    const targets = this.connectionsIn(name);
    for (const connection of targets) this.write(connection, [line]);
    this.messagesInjected++;
    return { id, line: renderLine(line, true), deliveredTo: targets.length };
  }

  /**
   * Delivers a USERNOTICE (sub, resub, raid, announcement, …) to every connection joined to the channel that
   * requested the commands capability.
   *
   * @param channel - the channel login, with or without `#`
   * @param notice - the msg-id, user, params and optional text; see {@link UsernoticeOptions}
   * @returns the message id, the line and how many connections got it
   */
  usernotice(channel: string, notice: UsernoticeOptions): InjectedMessage {
    const name = stripHash(channel);
    // Injection never creates a channel, so autoCreateChannels: false keeps meaning what it says.
    const record = this.channelRecords.get(name);
    const login = notice.login.toLowerCase();
    const id = notice.id ?? randomUUID();
    const badges = notice.badges ?? '';
    const displayName = notice.displayName ?? login;
    const tags: Record<string, string> = {
      'badge-info': notice.badgeInfo ?? '',
      badges,
      color: notice.color ?? '',
      'display-name': displayName,
      emotes: '',
      flags: '',
      id,
      login,
      mod: badges.includes('moderator/') ? '1' : '0',
      'msg-id': notice.msgId,
      'room-id': record?.roomId ?? stableId(`room:${name}`),
      subscriber: /(^|,)(subscriber|founder)\//.test(badges) ? '1' : '0',
      'system-msg': notice.systemMessage ?? `${displayName} triggered ${notice.msgId}.`,
      'tmi-sent-ts': String(this.clock.now()),
      'user-id': notice.userId ?? stableId(`user:${login}`),
      'user-type': badges.includes('moderator/') ? 'mod' : '',
    };
    for (const [key, value] of Object.entries(notice.params ?? {})) tags[`msg-param-${key}`] = value;
    Object.assign(tags, notice.tags ?? {});
    const text = notice.text === undefined ? '' : ` :${notice.text}`;
    const line: OutLine = { tags: sortedTags(tags), body: `:tmi.twitch.tv USERNOTICE #${name}${text}`, requires: 'commands' };
    return this.broadcast(name, line, id);
  }

  /**
   * Delivers a CLEARCHAT: a timeout, a permanent ban, or a whole-chat clear (§3.5).
   *
   * @param channel - the channel login, with or without `#`
   * @param options - the target user and duration; empty to clear the whole chat
   * @returns the line and how many connections got it (`id` is empty: CLEARCHAT has none)
   */
  clearchat(channel: string, options: ClearchatOptions = {}): InjectedMessage {
    const name = stripHash(channel);
    // Injection never creates a channel, so autoCreateChannels: false keeps meaning what it says.
    const record = this.channelRecords.get(name);
    const tags: Record<string, string> = {
      'room-id': record?.roomId ?? stableId(`room:${name}`),
      'tmi-sent-ts': String(this.clock.now()),
    };
    let body = `:tmi.twitch.tv CLEARCHAT #${name}`;
    if (options.login !== undefined) {
      const login = options.login.toLowerCase();
      tags['target-user-id'] = options.userId ?? this.accounts.get(login)?.userId ?? stableId(`user:${login}`);
      if (options.durationSeconds !== undefined) tags['ban-duration'] = String(options.durationSeconds);
      body += ` :${login}`;
    }
    return this.broadcast(name, { tags: sortedTags(tags), body, requires: 'commands' }, '');
  }

  /**
   * Delivers a CLEARMSG (one message deleted, §3.5; `room-id` is empty as on Twitch).
   *
   * @param channel - the channel login, with or without `#`
   * @param options - the author, text and id of the deleted message
   * @returns the line and how many connections got it
   */
  clearmsg(channel: string, options: ClearmsgOptions): InjectedMessage {
    const name = stripHash(channel);
    const tags: Array<[string, string]> = [
      ['login', options.login.toLowerCase()],
      ['room-id', ''],
      ['target-msg-id', options.targetMessageId],
      ['tmi-sent-ts', String(this.clock.now())],
    ];
    return this.broadcast(name, { tags, body: `:tmi.twitch.tv CLEARMSG #${name} :${options.text}`, requires: 'commands' }, '');
  }

  /**
   * Writes raw lines, unchanged and regardless of capabilities, each terminated with CRLF (in one frame, cut by
   * the framing mode). Use it for malformed or unusual lines.
   *
   * @param lines - one line or several, without CRLF
   * @param target - a connection id or a login; every connection when omitted
   * @returns how many connections got them
   */
  send(lines: string | readonly string[], target?: string): number {
    const list = typeof lines === 'string' ? [lines] : lines;
    const connections = this.resolve(target);
    for (const connection of connections) this.writeFrame(connection, list.map((line) => `${line}\r\n`).join(''));
    return connections.length;
  }

  /**
   * Sends one WebSocket frame exactly as given: a string becomes a text frame (no CRLF added, no framing), a
   * `Uint8Array` a binary frame.
   *
   * @param data - the frame payload
   * @param target - a connection id or a login; every connection when omitted
   * @returns how many connections got it
   */
  sendFrame(data: string | Uint8Array, target?: string): number {
    const connections = this.resolve(target);
    for (const connection of connections) this.rawSend(connection, typeof data === 'string' ? data : Buffer.from(data));
    return connections.length;
  }

  /**
   * Starts a seeded chat generator: realistic tagged PRIVMSGs (emoji, emotes with code-point positions, badges,
   * replies, `/me` actions) spread over the channels at the given average rate. Same seed, same messages.
   *
   * @param options - channels, rate, duration and seed
   * @returns a handle with `stop()` and a `done` promise resolving to the number of messages sent
   */
  simulateChat(options: SimulateChatOptions): SimulatedChat {
    const simulation = runChatSimulation(options, this.clock, (channel, message) => this.chat(channel, message));
    this.simulations.add(simulation);
    void simulation.done.then(() => this.simulations.delete(simulation));
    return simulation;
  }

  /**
   * Changes how outgoing lines are cut into frames from now on.
   *
   * @param mode - see {@link FramingMode}
   */
  setFraming(mode: FramingMode): void {
    this.framing = mode;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Faults

  /**
   * Sends `:tmi.twitch.tv RECONNECT` (to connections with the commands capability, §1.3) and closes the connections
   * after the grace period.
   *
   * @param target - a connection id or a login; every connection when omitted
   * @param options - `graceMs` overrides the `reconnectGraceMs` option
   * @returns how many connections were told
   */
  reconnect(target?: string, options: { readonly graceMs?: number } = {}): number {
    const graceMs = options.graceMs ?? this.options.reconnectGraceMs ?? DefaultMockTwitchServerOptions.reconnectGraceMs;
    const connections = this.resolve(target);
    for (const connection of connections) {
      this.write(connection, [{ body: ':tmi.twitch.tv RECONNECT', requires: 'commands' }]);
      if (connection.reconnectTimer !== undefined) continue;
      connection.reconnectTimer = this.clock.setTimeout(() => {
        connection.reconnectTimer = undefined;
        this.close(connection, 'server');
      }, graceMs);
    }
    return connections.length;
  }

  /**
   * Ends connections abruptly: the TCP socket is destroyed without a WebSocket close frame (clients see 1006).
   *
   * @param target - a connection id or a login; every connection when omitted
   * @returns how many connections were dropped
   */
  drop(target?: string): number {
    const connections = this.resolve(target);
    for (const connection of connections) this.close(connection, 'dropped', true);
    return connections.length;
  }

  /**
   * Stops reading from and writing to connections, as a dead network path would: client lines and server lines are
   * held (and keepalive keeps running, so an unanswered PING closes the connection) until {@link MockTwitchServer.unstall}.
   *
   * @param target - a connection id or a login; every connection when omitted
   * @returns how many connections were stalled
   */
  stall(target?: string): number {
    const connections = this.resolve(target);
    for (const connection of connections) connection.stalled = true;
    return connections.length;
  }

  /**
   * Resumes stalled connections: held server lines are sent, then held client lines are handled.
   *
   * @param target - a connection id or a login; every connection when omitted
   * @returns how many connections were resumed
   */
  unstall(target?: string): number {
    const connections = this.resolve(target).filter((connection) => connection.stalled);
    for (const connection of connections) {
      connection.stalled = false;
      for (const data of connection.outbound.splice(0)) this.rawSend(connection, data);
      for (const data of connection.inbound.splice(0)) this.receive(connection, data);
    }
    return connections.length;
  }

  /**
   * Refuses the next `count` WebSocket upgrades with HTTP 503.
   *
   * @param count - how many connection attempts to refuse
   */
  refuseConnections(count: number): void {
    this.refuseCount = Math.max(0, count);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Inspection

  /**
   * A snapshot of connections, per-account joins and logins (with timestamps), message counters and violations.
   *
   * @returns a fresh object; later traffic does not change it
   */
  stats(): MockTwitchServerStats {
    const connections = this.resolve(undefined).map((connection) => this.connectionInfo(connection));
    const accounts: Record<string, AccountStats> = {};
    for (const state of this.loginStates.values()) {
      const own = connections.filter((connection) => connection.login === state.login);
      accounts[state.login] = {
        connections: own.map((connection) => connection.id),
        channels: [...new Set(own.flatMap((connection) => connection.channels))].sort(),
        logins: this.newestTimestamps(state.logins),
        joins: this.newestTimestamps(state.joins),
        messagesSent: state.messagesSent,
        rooms: [...this.nonPrivilegedRooms(state.login)].sort(),
        peakRooms: state.peakRooms,
      };
    }
    return {
      connections,
      accounts,
      messagesReceived: this.messagesReceived,
      messagesRelayed: this.messagesRelayed,
      messagesInjected: this.messagesInjected,
      messagesDropped: this.messagesDropped,
      messagesRejected: this.messagesRejected,
      violations: [...this.violationList],
    };
  }

  /**
   * Every violation recorded so far, oldest first.
   *
   * @returns a copy of the list
   */
  violations(): Violation[] {
    return [...this.violationList];
  }

  /**
   * The open connections.
   *
   * @param target - a connection id or a login; every connection when omitted
   * @returns one snapshot per connection
   */
  connections(target?: string): ConnectionInfo[] {
    return this.resolve(target).map((connection) => this.connectionInfo(connection));
  }

  /**
   * The raw lines received from clients (the newest `maxRecordedLines` per connection), for asserting what a client
   * sent or that nothing injected reached the server.
   *
   * @param target - a connection id or a login; every connection when omitted
   * @returns the lines, connection by connection in connection order
   */
  receivedLines(target?: string): string[] {
    return this.resolve(target).flatMap((connection) => connection.received);
  }

  /**
   * Waits for the next event that matches a predicate.
   *
   * @param event - the event name
   * @param predicate - returns `true` for the awaited payload; every payload matches when omitted
   * @param options - `timeoutMs` (default 5000, read from the injected clock) and an optional `signal`
   * @returns the payload
   * @throws Error on timeout or abort
   */
  waitFor<K extends keyof MockTwitchServerEvents>(
    event: K,
    predicate: (payload: MockTwitchServerEvents[K][0]) => boolean = () => true,
    options: { readonly timeoutMs?: number; readonly signal?: AbortSignal } = {},
  ): Promise<MockTwitchServerEvents[K][0]> {
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? 5_000;
      const cleanup = (): void => {
        this.off(event, listener as never);
        this.clock.clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const listener = (payload: MockTwitchServerEvents[K][0]): void => {
        if (!predicate(payload)) return;
        cleanup();
        resolve(payload);
      };
      const onAbort = (): void => {
        cleanup();
        reject(new Error(`waitFor('${String(event)}') was aborted`));
      };
      const timer = this.clock.setTimeout(() => {
        cleanup();
        reject(new Error(`waitFor('${String(event)}') timed out after ${timeoutMs} ms; raise timeoutMs or check the predicate`));
      }, timeoutMs);
      this.on(event, listener as never);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Connection handling

  private accept(socket: WebSocket): void {
    const connection = new Connection(`conn-${++this.connectionCounter}`, socket, this.clock.now());
    this.connectionsById.set(connection.id, connection);
    socket.on('message', (data) => {
      if (connection.stalled) connection.inbound.push(data);
      else this.receive(connection, data);
    });
    socket.on('error', () => {
      // A client error ends in 'close'; nothing to report twice.
    });
    socket.on('close', () => {
      connection.closed = true;
      this.clearTimers(connection);
      this.connectionsById.delete(connection.id);
      this.emit('disconnect', { connectionId: connection.id, login: connection.login, reason: connection.closeReason ?? 'client' });
    });
    this.schedulePing(connection);
    this.emit('connection', { connectionId: connection.id, login: undefined });
  }

  private receive(connection: Connection, data: RawData): void {
    if (connection.closed) return;
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    for (const line of splitFrameLines(text)) {
      if (connection.closed) return;
      this.handleLine(connection, line);
    }
  }

  private handleLine(connection: Connection, line: string): void {
    const limit = this.options.maxRecordedLines ?? DefaultMockTwitchServerOptions.maxRecordedLines;
    connection.received.push(line);
    if (connection.received.length > limit) connection.received.splice(0, connection.received.length - limit);
    this.emit('line', { connectionId: connection.id, line, at: this.clock.now() });
    const message = parseIrcLine(line);
    if (message === undefined) return;
    switch (message.command) {
      case 'CAP':
        this.handleCap(connection, message);
        return;
      case 'PASS':
        if (!connection.loggedIn) connection.pass = message.params[0];
        return;
      case 'NICK':
        // A second NICK disconnects the client (§1.7, LIB-TMIRL).
        if (connection.loggedIn) this.close(connection, 'server');
        else this.handleLogin(connection, message.params[0] ?? '');
        return;
      case 'PING':
        this.handlePing(connection, message);
        return;
      case 'PONG':
        if (connection.pongTimer !== undefined) this.clock.clearTimeout(connection.pongTimer);
        connection.pongTimer = undefined;
        return;
      case 'QUIT':
        this.close(connection, 'client');
        return;
    }
    if (!connection.loggedIn) {
      // Commands sent before the login answer are handled once it is given (§1.3: twitch-irc-rs pipelines JOINs).
      connection.pending.push(line);
      return;
    }
    this.dispatch(connection, message);
  }

  private dispatch(connection: Connection, message: IrcMessage): void {
    switch (message.command) {
      case 'JOIN':
        this.handleJoin(connection, message.params[0] ?? '');
        return;
      case 'PART':
        this.handlePart(connection, message.params[0] ?? '');
        return;
      case 'PRIVMSG':
        this.handlePrivmsg(connection, message);
        return;
      case 'USER':
      case 'MODE':
        // No 421 for these after login (§1.7).
        return;
      default:
        this.write(connection, [{ body: `:tmi.twitch.tv 421 ${connection.name} ${message.command} :Unknown command` }]);
    }
  }

  private handleCap(connection: Connection, message: IrcMessage): void {
    const subcommand = message.params[0]?.toUpperCase();
    if (subcommand === 'LS') {
      // The reference is silent on CAP LS (§1.3 says it is not needed); twurple's ircv3 client opens with
      // `CAP LS 302` and works against Twitch, so the server answers it. The list order is the mock's choice.
      this.write(connection, [{ body: `:tmi.twitch.tv CAP * LS :${[...SupportedCapabilities].join(' ')}` }]);
      return;
    }
    if (subcommand !== 'REQ') return;
    const requested = (message.params[1] ?? '').trim();
    const list = requested.split(/ +/).filter((capability) => capability.length > 0);
    const accepted = list.length > 0 && list.every((capability) => SupportedCapabilities.has(capability));
    if (accepted) for (const capability of list) connection.capabilities.add(capability.slice('twitch.tv/'.length) as Capability);
    this.write(connection, [{ body: `:tmi.twitch.tv CAP * ${accepted ? 'ACK' : 'NAK'} :${requested}` }]);
  }

  private handlePing(connection: Connection, message: IrcMessage): void {
    // The exact replies of §2 (LIB-TMIRL): bare PING → `PONG :tmi.twitch.tv`, otherwise the first parameter echoed.
    const argument = message.params[0];
    this.write(connection, [
      { body: argument === undefined ? 'PONG :tmi.twitch.tv' : `:tmi.twitch.tv PONG tmi.twitch.tv :${argument}` },
    ]);
  }

  private handleLogin(connection: Connection, nick: string): void {
    const login = nick.toLowerCase();
    const at = this.clock.now();
    if (AnonymousLoginPattern.test(login)) {
      // Anonymous logins take any PASS or none and are exempt from the auth limit (§1.4, FIELD-2026).
      connection.login = login;
      connection.anonymous = true;
      this.completeLogin(connection, at);
      return;
    }
    const pass = connection.pass;
    if (pass === undefined) {
      // NICK before PASS (§1.3, §1.5).
      this.failLogin(connection, login, ':tmi.twitch.tv NOTICE * :Improperly formatted auth', 'badFormat', at);
      return;
    }
    const state = this.loginState(login);
    this.recordTimestamp(state.logins, at);
    if (!state.loginWindow.hit(at)) {
      connection.login = login;
      this.recordViolation('login', login, connection, at, { limit: state.loginWindow.count, windowMs: state.loginWindow.windowMs });
      this.emit('login', { connectionId: connection.id, login, anonymous: false, outcome: 'rateLimited', at });
      this.close(connection, 'limit');
      return;
    }
    if (!pass.startsWith('oauth:')) {
      this.failLogin(connection, login, ':tmi.twitch.tv NOTICE * :Improperly formatted auth', 'badFormat', at);
      return;
    }
    const account = this.accounts.get(login);
    if (account === undefined || account.token !== pass.slice('oauth:'.length)) {
      this.failLogin(connection, login, ':tmi.twitch.tv NOTICE * :Login authentication failed', 'authFailed', at);
      return;
    }
    connection.login = login;
    this.completeLogin(connection, at);
  }

  private failLogin(connection: Connection, login: string, notice: string, outcome: 'badFormat' | 'authFailed', at: number): void {
    this.write(connection, [{ body: notice }]);
    this.emit('login', { connectionId: connection.id, login, anonymous: false, outcome, at });
    this.close(connection, 'authFailed');
  }

  private completeLogin(connection: Connection, at: number): void {
    const login = connection.login as string;
    connection.loggedIn = true;
    const lines: OutLine[] = [
      { body: `:tmi.twitch.tv 001 ${login} :Welcome, GLHF!` },
      { body: `:tmi.twitch.tv 002 ${login} :Your host is tmi.twitch.tv` },
      { body: `:tmi.twitch.tv 003 ${login} :This server is rather new` },
      { body: `:tmi.twitch.tv 004 ${login} :-` },
      { body: `:tmi.twitch.tv 375 ${login} :-` },
      { body: `:tmi.twitch.tv 372 ${login} :You are in a maze of twisty passages, all alike.` },
      { body: `:tmi.twitch.tv 376 ${login} :>` },
    ];
    const account = this.accounts.get(login);
    // GLOBALUSERSTATE only with the commands capability (§1.3); not sent to anonymous sessions (unverified, §7).
    if (account !== undefined) {
      lines.push({
        tags: [
          ['badge-info', ''],
          ['badges', ''],
          ['color', account.color],
          ['display-name', account.displayName],
          ['emote-sets', '0,300374282'],
          ['user-id', account.userId],
          ['user-type', ''],
        ],
        body: ':tmi.twitch.tv GLOBALUSERSTATE',
        requires: 'commands',
      });
    }
    this.write(connection, lines);
    this.emit('login', { connectionId: connection.id, login, anonymous: connection.anonymous, outcome: 'success', at });
    for (const line of connection.pending.splice(0)) {
      if (connection.closed) return;
      const message = parseIrcLine(line);
      if (message !== undefined) this.dispatch(connection, message);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // JOIN / PART

  private handleJoin(connection: Connection, parameter: string): void {
    const login = connection.login as string;
    for (const target of parameter.split(',')) {
      if (connection.closed) return;
      if (!target.startsWith('#') || target.length < 2) continue;
      const channel = target.slice(1);
      const at = this.clock.now();
      if (connection.anonymous) {
        const window = this.anonymousJoinWindow;
        if (window !== undefined && !window.hit(at)) {
          this.recordViolation('anonymousJoin', login, connection, at, { limit: window.count, windowMs: window.windowMs, channel });
          this.emitJoin(connection, channel, 'rateLimited', at);
          this.close(connection, 'limit');
          return;
        }
      } else {
        // Each channel of a comma JOIN is one attempt (§4.4); over the limit Twitch closes the connection at once.
        const state = this.loginState(login);
        this.recordTimestamp(state.joins, at);
        if (!state.joinWindow.hit(at)) {
          this.recordViolation('join', login, connection, at, { limit: state.joinWindow.count, windowMs: state.joinWindow.windowMs, channel });
          this.emitJoin(connection, channel, 'rateLimited', at);
          this.close(connection, 'limit');
          return;
        }
      }
      this.emitJoin(connection, channel, this.joinChannel(connection, channel, at), at);
    }
  }

  private joinChannel(connection: Connection, channel: string, at: number): JoinOutcome {
    const record = this.channelRecord(channel, false);
    if (record === undefined || record.nonexistent) return 'nonexistent';
    const login = connection.login as string;
    if (record.suspended) {
      this.notice(connection, channel, 'msg_channel_suspended', 'This channel does not exist or has been suspended.');
      return 'suspended';
    }
    if (record.banned && !connection.anonymous) {
      this.notice(connection, channel, 'msg_banned', `You are permanently banned from talking in ${channel}.`);
      return 'banned';
    }
    if (!connection.anonymous && !connection.channels.has(channel) && !this.exemptFromRoomCap(login, channel)) {
      const rooms = this.nonPrivilegedRooms(login);
      const limit = this.loginState(login).limits.rooms;
      if (!rooms.has(channel) && rooms.size >= limit) {
        this.notice(
          connection,
          channel,
          'msg_concurrent_channel_limit_reached',
          'You are connected to too many chat channels. Please close some existing chat connections to join a new chat.',
        );
        this.recordViolation('rooms', login, connection, at, { limit, channel });
        return 'roomLimit';
      }
    }
    const others = this.connectionsIn(channel).filter((other) => other !== connection);
    const otherNames = [...new Set(others.filter((other) => !other.anonymous).map((other) => other.login as string))].filter(
      (name) => name !== login,
    );
    connection.channels.add(channel);
    connection.sendRooms.delete(channel);
    if (!connection.anonymous) this.notePeakRooms(login);
    const lines: OutLine[] = [{ body: `:${login}!${login}@${login}.tmi.twitch.tv JOIN #${channel}` }];
    // Two 353s when others are present: existing users first, then the bot (§3.8).
    if (otherNames.length > 0) lines.push({ body: `:${login}.tmi.twitch.tv 353 ${login} = #${channel} :${otherNames.join(' ')}` });
    lines.push({ body: `:${login}.tmi.twitch.tv 353 ${login} = #${channel} :${login}` });
    lines.push({ body: `:${login}.tmi.twitch.tv 366 ${login} #${channel} :End of /NAMES list` });
    if (!connection.anonymous) lines.push(this.userstateLine(login, channel));
    lines.push({
      tags: [
        ['emote-only', record.emoteOnly ? '1' : '0'],
        ['followers-only', String(record.followersOnly)],
        ['r9k', record.r9k ? '1' : '0'],
        ['room-id', record.roomId],
        ['slow', String(record.slowMode)],
        ['subs-only', record.subsOnly ? '1' : '0'],
      ],
      body: `:tmi.twitch.tv ROOMSTATE #${channel}`,
      requires: 'commands',
    });
    this.write(connection, lines);
    // Other users' JOINs need the membership capability (§3.8); Twitch batches them, the mock sends them at once.
    if (!connection.anonymous) {
      for (const other of others) {
        if (other.login === login) continue;
        this.write(other, [{ body: `:${login}!${login}@${login}.tmi.twitch.tv JOIN #${channel}`, requires: 'membership' }]);
      }
    }
    return record.ghost ? 'ghost' : 'joined';
  }

  private handlePart(connection: Connection, parameter: string): void {
    const login = connection.login as string;
    for (const target of parameter.split(',')) {
      if (!target.startsWith('#')) continue;
      const channel = target.slice(1);
      // PART also gives back a room taken by sending without JOIN; Twitch answers nothing for a room never joined.
      if (connection.sendRooms.delete(channel) && !connection.channels.has(channel)) continue;
      if (!connection.channels.delete(channel)) continue;
      const line = `:${login}!${login}@${login}.tmi.twitch.tv PART #${channel}`;
      this.write(connection, [{ body: line }]);
      if (!connection.anonymous) {
        for (const other of this.connectionsIn(channel)) {
          if (other.login !== login) this.write(other, [{ body: line, requires: 'membership' }]);
        }
      }
      this.emit('part', { connectionId: connection.id, login, channel, at: this.clock.now() });
    }
  }

  private emitJoin(connection: Connection, channel: string, outcome: JoinOutcome, at: number): void {
    this.emit('join', { connectionId: connection.id, login: connection.login as string, channel, outcome, at });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // PRIVMSG

  private handlePrivmsg(connection: Connection, message: IrcMessage): void {
    const target = message.params[0] ?? '';
    let text = message.params[1] ?? '';
    if (!target.startsWith('#') || message.params.length < 2) return;
    const channel = target.slice(1);
    const login = connection.login as string;
    const at = this.clock.now();
    const clientTags: Record<string, string> = {};
    for (const [key, value] of message.tags) clientTags[key] = value ?? '';
    this.messagesReceived++;
    const finish = (outcome: PrivmsgEvent['outcome'], reason: string | undefined, id?: string): void => {
      if (outcome === 'dropped') this.messagesDropped++;
      if (outcome === 'rejected') this.messagesRejected++;
      this.emit('privmsg', { connectionId: connection.id, login, channel, text, id, clientTags, outcome, reason, at });
    };
    // Anonymous connections are read-only (§1.4): Twitch ignores their messages.
    if (connection.anonymous) return finish('dropped', 'anonymous');
    const record = ChannelNamePattern.test(channel) ? this.channelRecord(channel, false) : undefined;
    if (record === undefined || record.nonexistent) return finish('dropped', 'nonexistent');
    const reject = (msgId: string, noticeText: string): void => {
      this.notice(connection, channel, msgId, noticeText);
      finish('rejected', msgId);
    };
    if (record.suspended) return reject('msg_channel_suspended', 'This channel does not exist or has been suspended.');
    if (record.banned) return reject('msg_banned', `You are permanently banned from talking in ${channel}.`);
    // Sending without JOIN is delivered (§3.2); whether it takes a room is not stated (§4.3), so it is an option.
    const withoutJoin = this.options.privmsgWithoutJoin ?? DefaultMockTwitchServerOptions.privmsgWithoutJoin;
    if (withoutJoin === 'takesRoom' && !connection.channels.has(channel) && !this.exemptFromRoomCap(login, channel)) {
      const rooms = this.nonPrivilegedRooms(login);
      if (!rooms.has(channel)) {
        const limit = this.loginState(login).limits.rooms;
        if (rooms.size >= limit) {
          this.recordViolation('rooms', login, connection, at, { limit, channel });
          return reject(
            'msg_concurrent_channel_limit_reached',
            'You are connected to too many chat channels. Please close some existing chat connections to join a new chat.',
          );
        }
        connection.sendRooms.add(channel);
        this.notePeakRooms(login);
      }
    }
    // Only /me is left as an IRC chat command (§0.1, §5.16).
    const command = /^[/.](\w+)(?: (.*))?$/s.exec(text);
    if (command !== null) {
      if (command[1]?.toLowerCase() !== 'me') return reject('unrecognized_cmd', `Unrecognized command: /${command[1] ?? ''}`);
      text = `\u0001ACTION ${command[2] ?? ''}\u0001`;
    }
    const maxLength = this.options.maxMessageLength ?? DefaultMockTwitchServerOptions.maxMessageLength;
    const codePoints = Array.from(text);
    if (codePoints.length > maxLength) {
      const mode = this.options.overlongMessages ?? DefaultMockTwitchServerOptions.overlongMessages;
      if (mode === 'notice') return reject('msg_rejected', `Your message was not sent because it is longer than ${maxLength} characters.`);
      text = codePoints.slice(0, maxLength).join('');
    }
    const account = this.accounts.get(login) as AccountRecord;
    const state = this.loginState(login);
    const privileged = this.isPrivileged(login, channel);
    const last = state.lastDelivered.get(channel);
    if (!privileged) {
      if (record.followersOnly >= 0) {
        return record.followersOnly === 0
          ? reject('msg_followersonly_zero', `This room is in followers-only mode. Follow ${channel} to join the community!`)
          : reject('msg_followersonly', `This room is in ${record.followersOnly} minutes followers-only mode. Follow ${channel} to join the community!`);
      }
      if (record.subsOnly) {
        return reject(
          'msg_subsonly',
          `This room is in subscribers only mode. To talk, purchase a channel subscription at https://www.twitch.tv/products/${channel}/ticket?ref=subscriber_only_mode_chat.`,
        );
      }
      if (record.emoteOnly) {
        return reject('msg_emoteonly', 'This room is in emote-only mode. You can find your currently available emoticons using the smiley in the chat text area.');
      }
      const slowMs = record.slowMode * 1000;
      if (slowMs > 0 && last !== undefined && at - last.at < slowMs) {
        const seconds = Math.ceil((slowMs - (at - last.at)) / 1000);
        return reject('msg_slowmode', `This room is in slow mode and you are sending messages too quickly. You will be able to talk again in ${seconds} seconds.`);
      }
      // Duplicate filter: per channel, against the last delivered message, after collapsing spaces (§4.2).
      const duplicateMs = this.options.duplicateWindowMs ?? this.scaled(DefaultMockTwitchServerOptions.duplicateWindowMs);
      if (last !== undefined && at - last.at < duplicateMs && normalize(last.text) === normalize(text)) {
        return reject('msg_duplicate', 'Your message was not sent because it is identical to the previous one you sent, less than 30 seconds ago.');
      }
      const window = this.channelWindow(state, channel);
      if (!window.allows(at)) {
        this.recordViolation('channelMessage', login, connection, at, { limit: window.count, windowMs: window.windowMs, channel });
        return reject('msg_ratelimit', 'Your message was not sent because you are sending messages too quickly.');
      }
    }
    // Account buckets (§4.1): every message adds to both; privileged ones "still add to the 20 messages per 30 seconds
    // rate limit, but when that is breached messages from these users can still be sent until the larger rate limit
    // bucket is filled". So a privileged message is recorded in the 20-bucket but only the 100-bucket can refuse it,
    // and a non-privileged message that finds the 20-bucket full (privileged ones included) is a violation. Every
    // attempt counts, dropped or not.
    const userHit = state.privmsgWindow.hit(at);
    const userAllowed = privileged || userHit;
    const moderatorAllowed = state.privmsgModeratorWindow.hit(at);
    if (!userAllowed || !moderatorAllowed) {
      const window = userAllowed ? state.privmsgModeratorWindow : state.privmsgWindow;
      this.recordViolation('privmsg', login, connection, at, {
        limit: window.count,
        windowMs: window.windowMs,
        channel,
        bucket: userAllowed ? 'moderator' : 'user',
      });
      const penaltyMs = this.options.limits?.privmsgPenaltyMs ?? DefaultMockTwitchServerOptions.privmsgPenaltyMs;
      if (penaltyMs > 0) state.penaltyUntil = Math.max(state.penaltyUntil, at + penaltyMs);
      return finish('dropped', 'rateLimit');
    }
    // After a bucket violation Twitch ignores the account for an hour except where it is privileged (§4.1).
    if (!privileged && at < state.penaltyUntil) return finish('dropped', 'penalty');
    if (!privileged) this.channelWindow(state, channel).hit(at);
    state.lastDelivered.set(channel, { text, at });
    state.messagesSent++;
    const id = randomUUID();
    const badges = this.badgesFor(login, channel);
    const tags: Record<string, string> = {
      'badge-info': '',
      badges,
      color: account.color,
      'display-name': account.displayName,
      emotes: '',
      'first-msg': '0',
      flags: '',
      id,
      mod: this.isModerator(login, channel) ? '1' : '0',
      'returning-chatter': '0',
      'room-id': record.roomId,
      subscriber: '0',
      'tmi-sent-ts': String(at),
      turbo: '0',
      'user-id': account.userId,
      'user-type': this.isModerator(login, channel) ? 'mod' : '',
    };
    if (this.isVip(login, channel)) tags['vip'] = '1';
    // client-nonce comes back on the delivered PRIVMSG (§3.2, undocumented but observed).
    const nonce = clientTags['client-nonce'];
    if (nonce !== undefined) tags['client-nonce'] = nonce;
    const parent = clientTags['reply-parent-msg-id'];
    if (parent !== undefined) Object.assign(tags, this.replyTags(parent));
    this.remember({ id, login, displayName: account.displayName, userId: account.userId, text }, parent);
    const line: OutLine = { tags: sortedTags(tags), body: `:${login}!${login}@${login}.tmi.twitch.tv PRIVMSG #${channel} :${text}` };
    // Own messages are suppressed per connection only: other connections of the same account get them (§3.2).
    for (const other of this.connectionsIn(channel)) {
      if (other === connection) continue;
      this.write(other, [line]);
      this.messagesRelayed++;
    }
    this.write(connection, [this.userstateLine(login, channel, id)]);
    finish('delivered', undefined, id);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  private userstateLine(login: string, channel: string, id?: string): OutLine {
    const account = this.accounts.get(login);
    const moderator = this.isModerator(login, channel);
    const tags: Array<[string, string]> = [
      ['badge-info', ''],
      ['badges', this.badgesFor(login, channel)],
      ['color', account?.color ?? ''],
      ['display-name', account?.displayName ?? login],
      ['emote-sets', '0,300374282'],
    ];
    if (id !== undefined) tags.push(['id', id]);
    tags.push(['mod', moderator ? '1' : '0'], ['subscriber', '0'], ['user-type', moderator ? 'mod' : '']);
    return { tags, body: `:tmi.twitch.tv USERSTATE #${channel}`, requires: 'commands' };
  }

  private notice(connection: Connection, channel: string, msgId: string, text: string): void {
    this.write(connection, [{ tags: [['msg-id', msgId]], body: `:tmi.twitch.tv NOTICE #${channel} :${text}`, requires: 'commands' }]);
  }

  private replyTags(parentId: string): Record<string, string> {
    const parent = this.recentMessages.get(parentId);
    // An unknown parent keeps only the id the client sent (the mock cannot know the rest).
    if (parent === undefined) return { 'reply-parent-msg-id': parentId };
    return {
      'reply-parent-display-name': parent.displayName,
      'reply-parent-msg-body': parent.text,
      'reply-parent-msg-id': parent.id,
      'reply-parent-user-id': parent.userId,
      'reply-parent-user-login': parent.login,
      'reply-thread-parent-display-name': parent.thread.displayName,
      'reply-thread-parent-msg-id': parent.thread.id,
      'reply-thread-parent-user-id': parent.thread.userId,
      'reply-thread-parent-user-login': parent.thread.login,
    };
  }

  private remember(message: Omit<RecentMessage, 'thread'>, parentId: string | undefined): void {
    const parent = parentId === undefined ? undefined : this.recentMessages.get(parentId);
    const thread = parent?.thread ?? { id: message.id, login: message.login, displayName: message.displayName, userId: message.userId };
    this.recentMessages.set(message.id, { ...message, thread: parent === undefined ? thread : parent.thread });
    if (this.recentMessages.size > RecentMessageCapacity) {
      const oldest = this.recentMessages.keys().next().value;
      if (oldest !== undefined) this.recentMessages.delete(oldest);
    }
  }

  private broadcast(channel: string, line: OutLine, id: string): InjectedMessage {
    let count = 0;
    for (const connection of this.connectionsIn(channel)) {
      if (line.requires !== undefined && !connection.capabilities.has(line.requires)) continue;
      this.write(connection, [line]);
      count++;
    }
    this.messagesInjected++;
    return { id, line: renderLine(line, true), deliveredTo: count };
  }

  private kickBannedAccounts(record: ChannelRecord): void {
    for (const connection of this.connectionsIn(record.name)) {
      if (connection.anonymous) continue;
      const login = connection.login as string;
      const userId = this.accounts.get(login)?.userId ?? stableId(`user:${login}`);
      connection.channels.delete(record.name);
      // A banned bot gets a CLEARCHAT targeting it and a PART for itself (§5.10; the order is unverified).
      this.write(connection, [
        {
          tags: [
            ['room-id', record.roomId],
            ['target-user-id', userId],
            ['tmi-sent-ts', String(this.clock.now())],
          ],
          body: `:tmi.twitch.tv CLEARCHAT #${record.name} :${login}`,
          requires: 'commands',
        },
        { body: `:${login}!${login}@${login}.tmi.twitch.tv PART #${record.name}` },
      ]);
    }
  }

  private setRole(channel: string, login: string, key: 'moderatorIn' | 'vipIn', value: boolean): void {
    const account = this.accounts.get(login.toLowerCase());
    if (account === undefined) throw new Error(`MockTwitchServer has no account "${login}"; add it with addAccount() first`);
    const name = stripHash(channel);
    if (value) account[key].add(name);
    else account[key].delete(name);
    for (const connection of this.connectionsIn(name)) {
      if (connection.login === account.login) this.write(connection, [this.userstateLine(account.login, name)]);
    }
    // A revoked moderator role puts the room back under the cap.
    if (this.loginStates.has(account.login)) this.notePeakRooms(account.login);
  }

  private isModerator(login: string, channel: string): boolean {
    return this.accounts.get(login)?.moderatorIn.has(channel) ?? false;
  }

  private isVip(login: string, channel: string): boolean {
    return this.accounts.get(login)?.vipIn.has(channel) ?? false;
  }

  /** Broadcaster, moderator or VIP: the 100-bucket lane, no 1/s channel limit (§4.1). */
  private isPrivileged(login: string, channel: string): boolean {
    return login === channel || this.isModerator(login, channel) || this.isVip(login, channel);
  }

  /** Broadcaster and moderator rooms do not count against the 100-room cap (§4.3). */
  private exemptFromRoomCap(login: string, channel: string): boolean {
    return login === channel || this.isModerator(login, channel);
  }

  private nonPrivilegedRooms(login: string): Set<string> {
    const rooms = new Set<string>();
    for (const connection of this.connectionsById.values()) {
      if (connection.login !== login || connection.anonymous) continue;
      for (const channel of connection.channels) if (!this.exemptFromRoomCap(login, channel)) rooms.add(channel);
      for (const channel of connection.sendRooms) if (!this.exemptFromRoomCap(login, channel)) rooms.add(channel);
    }
    return rooms;
  }

  /** Records the account's room count if it is the highest so far (for `stats().accounts[login].peakRooms`). */
  private notePeakRooms(login: string): void {
    const state = this.loginState(login);
    state.peakRooms = Math.max(state.peakRooms, this.nonPrivilegedRooms(login).size);
  }

  private badgesFor(login: string, channel: string): string {
    if (login === channel) return 'broadcaster/1';
    if (this.isModerator(login, channel)) return 'moderator/1';
    if (this.isVip(login, channel)) return 'vip/1';
    return '';
  }

  private channelRecord(name: string, create: boolean): ChannelRecord | undefined {
    const existing = this.channelRecords.get(name);
    if (existing !== undefined) return existing;
    if (!ChannelNamePattern.test(name)) return undefined;
    const ghost = name !== name.toLowerCase();
    const autoCreate = this.options.autoCreateChannels ?? DefaultMockTwitchServerOptions.autoCreateChannels;
    if (!create && !ghost && !autoCreate) return undefined;
    const record: ChannelRecord = {
      name,
      ghost,
      roomId: stableId(`room:${name}`),
      suspended: false,
      banned: false,
      nonexistent: false,
      slowMode: 0,
      followersOnly: -1,
      emoteOnly: false,
      subsOnly: false,
      r9k: false,
    };
    this.channelRecords.set(name, record);
    return record;
  }

  private connectionsIn(channel: string): Connection[] {
    return [...this.connectionsById.values()].filter((connection) => connection.channels.has(channel) && !connection.closed);
  }

  private resolve(target: string | undefined): Connection[] {
    const all = [...this.connectionsById.values()].filter((connection) => !connection.closed);
    if (target === undefined) return all;
    const byId = this.connectionsById.get(target);
    if (byId !== undefined) return byId.closed ? [] : [byId];
    const login = target.toLowerCase();
    return all.filter((connection) => connection.login === login);
  }

  private scaled(windowMs: number): number {
    return windowMs * (this.options.timeScale ?? DefaultMockTwitchServerOptions.timeScale);
  }

  private limitsFor(level: BotLevel): AccountLimits {
    const base = DefaultAccountLimits[level];
    const scale = (limit: WindowLimit): WindowLimit => ({ count: limit.count, windowMs: this.scaled(limit.windowMs) });
    const overrides = this.options.limits ?? {};
    const levelOverrides = overrides.levels?.[level] ?? {};
    const pick = <K extends keyof AccountLimits>(key: K): AccountLimits[K] | undefined => (levelOverrides[key] ?? overrides[key]) as AccountLimits[K] | undefined;
    return {
      login: pick('login') ?? scale(base.login),
      join: pick('join') ?? scale(base.join),
      privmsg: pick('privmsg') ?? scale(base.privmsg),
      privmsgModerator: pick('privmsgModerator') ?? scale(base.privmsgModerator),
      channelMessage: pick('channelMessage') ?? scale(base.channelMessage),
      rooms: pick('rooms') ?? base.rooms,
    };
  }

  private loginState(login: string): LoginState {
    let state = this.loginStates.get(login);
    if (state === undefined) {
      const limits = this.limitsFor(this.accounts.get(login)?.botLevel ?? 'regular');
      state = {
        login,
        limits,
        loginWindow: new SlidingWindow(limits.login.count, limits.login.windowMs),
        joinWindow: new SlidingWindow(limits.join.count, limits.join.windowMs),
        privmsgWindow: new SlidingWindow(limits.privmsg.count, limits.privmsg.windowMs),
        privmsgModeratorWindow: new SlidingWindow(limits.privmsgModerator.count, limits.privmsgModerator.windowMs),
        channelWindows: new Map(),
        lastDelivered: new Map(),
        penaltyUntil: 0,
        logins: [],
        joins: [],
        messagesSent: 0,
        peakRooms: 0,
      };
      this.loginStates.set(login, state);
    }
    return state;
  }

  /**
   * Appends to a per-account timestamp list for `stats()`, bounded by `maxRecordedTimestamps`: the list may grow to
   * twice the cap before the oldest half is dropped, so each append costs O(1) amortised; `stats()` shows the newest.
   */
  private recordTimestamp(times: number[], at: number): void {
    times.push(at);
    const limit = this.timestampLimit();
    if (times.length >= 2 * limit) times.splice(0, times.length - limit);
  }

  private newestTimestamps(times: readonly number[]): number[] {
    return times.slice(Math.max(0, times.length - this.timestampLimit()));
  }

  private timestampLimit(): number {
    return Math.max(1, this.options.maxRecordedTimestamps ?? DefaultMockTwitchServerOptions.maxRecordedTimestamps);
  }

  private channelWindow(state: LoginState, channel: string): SlidingWindow {
    let window = state.channelWindows.get(channel);
    if (window === undefined) {
      window = new SlidingWindow(state.limits.channelMessage.count, state.limits.channelMessage.windowMs);
      state.channelWindows.set(channel, window);
    }
    return window;
  }

  private recordViolation(kind: ViolationKind, account: string, connection: Connection, at: number, detail: Violation['detail']): void {
    const violation: Violation = { kind, account, at, connectionId: connection.id, detail };
    this.violationList.push(violation);
    this.emit('violation', violation);
  }

  private connectionInfo(connection: Connection): ConnectionInfo {
    return {
      id: connection.id,
      login: connection.login,
      anonymous: connection.anonymous,
      loggedIn: connection.loggedIn,
      capabilities: [...connection.capabilities].map((capability) => `twitch.tv/${capability}`).sort(),
      channels: [...connection.channels].sort(),
      connectedAt: connection.connectedAt,
      stalled: connection.stalled,
      receivedLines: [...connection.received],
    };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Output, keepalive, closing

  private write(connection: Connection, lines: readonly OutLine[]): void {
    if (connection.closed) return;
    const tags = connection.capabilities.has('tags');
    const rendered = lines
      .filter((line) => line.requires === undefined || connection.capabilities.has(line.requires))
      .map((line) => renderLine(line, tags));
    if (rendered.length === 0) return;
    this.writeFrame(connection, rendered.map((line) => `${line}\r\n`).join(''));
  }

  private writeFrame(connection: Connection, text: string): void {
    switch (this.framing) {
      case 'batch':
        this.rawSend(connection, text);
        return;
      case 'line':
        for (const line of text.split(/(?<=\r\n)/)) if (line.length > 0) this.rawSend(connection, line);
        return;
      case 'split': {
        const codePoints = Array.from(text);
        let start = 0;
        while (start < codePoints.length) {
          const size = 1 + this.framingPrng.int(Math.max(1, Math.min(codePoints.length - start, 97)));
          this.rawSend(connection, codePoints.slice(start, start + size).join(''));
          start += size;
        }
        return;
      }
    }
  }

  private rawSend(connection: Connection, data: string | Buffer): void {
    if (connection.closed) return;
    if (connection.stalled) {
      connection.outbound.push(data);
      return;
    }
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(data);
  }

  private schedulePing(connection: Connection): void {
    const interval = this.options.pingIntervalMs ?? DefaultMockTwitchServerOptions.pingIntervalMs;
    if (interval <= 0 || connection.closed) return;
    connection.pingTimer = this.clock.setTimeout(() => {
      connection.pingTimer = undefined;
      if (connection.closed) return;
      // Server PING even before any JOIN; no PONG in time closes the connection (§2).
      this.write(connection, [{ body: 'PING :tmi.twitch.tv' }]);
      if (connection.pongTimer === undefined) {
        const timeout = this.options.pongTimeoutMs ?? DefaultMockTwitchServerOptions.pongTimeoutMs;
        connection.pongTimer = this.clock.setTimeout(() => {
          connection.pongTimer = undefined;
          this.close(connection, 'pingTimeout');
        }, timeout);
      }
      this.schedulePing(connection);
    }, interval);
  }

  private clearTimers(connection: Connection): void {
    for (const timer of [connection.pingTimer, connection.pongTimer, connection.reconnectTimer]) {
      if (timer !== undefined) this.clock.clearTimeout(timer);
    }
    connection.pingTimer = undefined;
    connection.pongTimer = undefined;
    connection.reconnectTimer = undefined;
  }

  private close(connection: Connection, reason: DisconnectReason, abrupt = false): void {
    if (connection.closed) return;
    connection.closeReason ??= reason;
    connection.closed = true;
    this.clearTimers(connection);
    if (abrupt || connection.stalled) {
      connection.socket.terminate();
      return;
    }
    connection.socket.close(1000);
    // A client that never answers the close frame must not keep the socket open.
    const socket = connection.socket;
    const timer = this.clock.setTimeout(() => socket.terminate(), 2_000);
    socket.once('close', () => this.clock.clearTimeout(timer));
  }
}

function stripHash(channel: string): string {
  return channel.startsWith('#') ? channel.slice(1) : channel;
}

/** A stable numeric id in [100000000, 999999999] derived from a string (FNV-1a). */
function stableId(key: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(100_000_000 + (hash % 900_000_000));
}

function sortedTags(tags: Record<string, string>): Array<[string, string]> {
  return Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function renderLine(line: OutLine, withTags: boolean): string {
  return withTags && line.tags !== undefined && line.tags.length > 0 ? `@${serializeTags(line.tags)} ${line.body}` : line.body;
}

function formatEmotes(emotes: string | readonly EmotePosition[] | undefined): string {
  if (emotes === undefined) return '';
  if (typeof emotes === 'string') return emotes;
  const byId = new Map<string, string[]>();
  for (const emote of emotes) {
    const ranges = byId.get(emote.id) ?? [];
    ranges.push(`${emote.start}-${emote.end}`);
    byId.set(emote.id, ranges);
  }
  return [...byId].map(([id, ranges]) => `${id}:${ranges.join(',')}`).join('/');
}

/** The duplicate filter compares trimmed text with runs of spaces collapsed (§4.2, LIB-TMIRL). */
function normalize(text: string): string {
  return text.trim().replace(/ +/g, ' ');
}
