import type { Violation } from './MockTwitchServerEvents.js';

/**
 * A snapshot of one open connection.
 */
export interface ConnectionInfo {
  /** The connection id (`conn-1`, …), usable as a fault-injection target. */
  readonly id: string;
  /** The login from NICK, once sent. */
  readonly login: string | undefined;
  /** `true` for `justinfan…` logins. */
  readonly anonymous: boolean;
  /** Whether the login was answered with the welcome block. */
  readonly loggedIn: boolean;
  /** Acknowledged capabilities, sorted (`twitch.tv/commands`, …). */
  readonly capabilities: readonly string[];
  /** Joined channels, sorted, without `#`. */
  readonly channels: readonly string[];
  /** The clock time the WebSocket was accepted. */
  readonly connectedAt: number;
  /** Whether the connection is stalled. */
  readonly stalled: boolean;
  /** The newest raw client lines (bounded by `maxRecordedLines`). */
  readonly receivedLines: readonly string[];
}

/**
 * Per-account figures, for every login that attempted to log in.
 */
export interface AccountStats {
  /** Ids of the account's open connections. */
  readonly connections: readonly string[];
  /** Channels joined over all its connections, sorted. */
  readonly channels: readonly string[];
  /**
   * The rooms that count toward the account's concurrent-room cap now, sorted: joined rooms where it is neither
   * broadcaster nor moderator, plus rooms taken by sending without JOIN when `privmsgWithoutJoin` is `'takesRoom'`
   * (twitch-protocol.md §4.3).
   */
  readonly rooms: readonly string[];
  /** The most rooms that counted toward the cap at any one time so far; compare it with the cap (100). */
  readonly peakRooms: number;
  /** Clock times of the authentication attempts, oldest first: the newest `maxRecordedTimestamps` (10,000 by default). */
  readonly logins: readonly number[];
  /** Clock times of the JOIN attempts (one per channel), oldest first: the newest `maxRecordedTimestamps` (10,000 by default). */
  readonly joins: readonly number[];
  /** Messages delivered from this account. */
  readonly messagesSent: number;
}

/**
 * What {@link MockTwitchServer.stats} returns.
 */
export interface MockTwitchServerStats {
  /** Open connections. */
  readonly connections: readonly ConnectionInfo[];
  /** Per-login figures, keyed by login. */
  readonly accounts: Readonly<Record<string, AccountStats>>;
  /** Client PRIVMSGs received. */
  readonly messagesReceived: number;
  /** Copies of client PRIVMSGs written to other connections. */
  readonly messagesRelayed: number;
  /** Messages injected with `chat`, `usernotice`, `clearchat`, `clearmsg` (and `simulateChat`). */
  readonly messagesInjected: number;
  /** Client PRIVMSGs silently dropped. */
  readonly messagesDropped: number;
  /** Client PRIVMSGs answered with a NOTICE. */
  readonly messagesRejected: number;
  /** Every violation, oldest first. */
  readonly violations: readonly Violation[];
}
