import type { Clock, DisconnectReason, Logger, TimerHandle } from '@tio/core';
import WebSocket from 'ws';
import type { RawData } from 'ws';
import { IrcLineSplitter } from '../protocol/IrcLineSplitter.js';
import { buildPing } from '../twitch/commands.js';
import { LoginTimeoutError } from './errors/LoginTimeoutError.js';
import { MalformedLineError } from './errors/MalformedLineError.js';
import { UnexpectedFrameError } from './errors/UnexpectedFrameError.js';

/**
 * What an {@link IrcWsConnection} reports to its owner.
 *
 * @internal
 */
export interface IrcWsConnectionHandlers {
  /** The socket opened. */
  open(): void;
  /** One complete IRC line arrived (without its line ending). */
  line(line: string): void;
  /** Something went wrong that does not end the socket (a binary frame, an over-long line). */
  error(error: Error): void;
  /** The socket ended; called exactly once, also when it never opened. */
  close(reason: DisconnectReason): void;
}

/**
 * Settings of an {@link IrcWsConnection}.
 *
 * @internal
 */
export interface IrcWsConnectionOptions {
  /** A label for logs, for example `shard-0#3`. */
  readonly id: string;
  /** The WebSocket URL. */
  readonly url: string;
  /** The WebSocket class. */
  readonly webSocketConstructor: typeof WebSocket;
  /** The clock for every timer. */
  readonly clock: Clock;
  /** Where diagnostics go. */
  readonly logger: Logger;
  /** See `IrcWsTransportOptions.connectTimeoutMs`. */
  readonly connectTimeoutMs: number;
  /** See `IrcWsTransportOptions.keepaliveIntervalMs`. */
  readonly keepaliveIntervalMs: number;
  /** See `IrcWsTransportOptions.keepaliveTimeoutMs`. */
  readonly keepaliveTimeoutMs: number;
  /** See `IrcWsTransportOptions.closeTimeoutMs`. */
  readonly closeTimeoutMs: number;
}

type ConnectionState = 'new' | 'connecting' | 'open' | 'closing' | 'closed';

/**
 * One WebSocket to Twitch chat: opens it, turns text frames into IRC lines (with a carry-over buffer, protocol
 * reference §1.2), writes lines, keeps it alive with its own `PING` after silence (§2) and closes it. It knows nothing
 * about logins or channels; {@link IrcWsTransport} does.
 *
 * Every socket callback is guarded: nothing thrown in here escapes into `ws`'s event loop.
 *
 * @internal
 */
export class IrcWsConnection {
  readonly #options: IrcWsConnectionOptions;
  readonly #handlers: IrcWsConnectionHandlers;
  readonly #splitter = new IrcLineSplitter();
  #socket: WebSocket | undefined;
  #state: ConnectionState = 'new';
  #closeReason: DisconnectReason | undefined;
  #lastError: Error | undefined;
  #lastTrafficAt = 0;
  #pingSentAt: number | undefined;
  /**
   * Whether any frame arrived since our keepalive PING was written. A flag rather than comparing timestamps: on
   * loopback (and always under fake timers) the PONG arrives in the same millisecond as the PING, and
   * `lastTrafficAt > pingSentAt` would then call a live link dead.
   */
  #trafficSincePing = false;
  #keepaliveTimer: TimerHandle | undefined;
  #connectTimer: TimerHandle | undefined;
  #closeTimer: TimerHandle | undefined;
  #resolveClosed!: () => void;
  /** Resolves once the socket has ended (never rejects). */
  readonly closed: Promise<void>;

  /**
   * Creates a connection; nothing happens before {@link IrcWsConnection.open}.
   *
   * @param options - URL, clock, timeouts.
   * @param handlers - Where lines and the close go.
   */
  constructor(options: IrcWsConnectionOptions, handlers: IrcWsConnectionHandlers) {
    this.#options = options;
    this.#handlers = handlers;
    this.closed = new Promise<void>((resolve) => {
      this.#resolveClosed = resolve;
    });
  }

  /** The label given at construction. */
  get id(): string {
    return this.#options.id;
  }

  /** Whether lines can be written now. */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /**
   * Opens the socket. The outcome is reported through the handlers (`open`, or `close` with the reason); this method
   * never throws.
   */
  open(): void {
    if (this.#state !== 'new') return;
    this.#state = 'connecting';
    const { url, webSocketConstructor, clock, connectTimeoutMs } = this.#options;
    let socket: WebSocket;
    try {
      socket = new webSocketConstructor(url);
    } catch (error) {
      this.#lastError = toError(error);
      this.#finish(undefined, undefined);
      return;
    }
    this.#socket = socket;
    this.#connectTimer = clock.setTimeout(() => {
      this.#connectTimer = undefined;
      if (this.#state !== 'connecting') return;
      this.#closeReason = { kind: 'error', error: new LoginTimeoutError('connect', connectTimeoutMs) };
      this.#terminate();
    }, connectTimeoutMs);
    socket.on('open', () => this.#guard(() => this.#onOpen()));
    socket.on('message', (data: RawData, isBinary: boolean) => this.#guard(() => this.#onMessage(data, isBinary)));
    socket.on('error', (error: Error) => {
      // Always listened to: an 'error' without a listener would crash the process.
      this.#lastError = error;
      this.#options.logger.debug('irc-ws socket error', { connection: this.id, error: error.message });
    });
    socket.on('close', (code: number, reason: Buffer) => this.#guard(() => this.#finish(code, reason.toString())));
  }

  /**
   * Writes one IRC line (without line ending: Twitch accepts both, protocol reference §1.2).
   *
   * @param line - The line.
   * @returns `false` when the socket is not open and nothing was written.
   */
  write(line: string): boolean {
    const socket = this.#socket;
    if (this.#state !== 'open' || socket === undefined) return false;
    try {
      socket.send(line);
      return true;
    } catch (error) {
      this.#handlers.error(toError(error));
      return false;
    }
  }

  /**
   * Closes the socket with a closing handshake, destroying it if the handshake takes longer than `closeTimeoutMs`.
   *
   * @param reason - What to report to the `close` handler (a close the owner asked for).
   * @returns Resolves once the socket has ended.
   */
  close(reason: DisconnectReason): Promise<void> {
    if (this.#state === 'closed') return this.closed;
    this.#closeReason ??= reason;
    if (this.#state === 'closing') return this.closed;
    const socket = this.#socket;
    if (socket === undefined) {
      this.#finish(undefined, undefined);
      return this.closed;
    }
    this.#state = 'closing';
    this.#clearKeepalive();
    if (socket.readyState === WebSocket.CONNECTING) {
      this.#terminate();
      return this.closed;
    }
    try {
      socket.close(1000, 'client closing');
    } catch {
      this.#terminate();
      return this.closed;
    }
    this.#closeTimer = this.#options.clock.setTimeout(() => {
      this.#closeTimer = undefined;
      this.#terminate();
    }, this.#options.closeTimeoutMs);
    return this.closed;
  }

  #terminate(): void {
    try {
      this.#socket?.terminate();
    } catch {
      // Already gone.
    }
    // `terminate()` emits 'close' asynchronously; if the socket never existed or is already dead, finish now.
    if (this.#socket === undefined) this.#finish(undefined, undefined);
  }

  #onOpen(): void {
    if (this.#state !== 'connecting') return;
    this.#clearConnectTimer();
    this.#state = 'open';
    this.#lastTrafficAt = this.#options.clock.now();
    this.#scheduleKeepalive(this.#options.keepaliveIntervalMs);
    this.#handlers.open();
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#state !== 'open') return;
    this.#lastTrafficAt = this.#options.clock.now();
    this.#trafficSincePing = true;
    if (isBinary) {
      this.#handlers.error(new UnexpectedFrameError(byteLength(data)));
      return;
    }
    for (const line of this.#splitter.push(rawDataToString(data))) {
      if (this.#state !== 'open') return;
      if (typeof line === 'string') this.#handlers.line(line);
      else this.#handlers.error(new MalformedLineError(line.reason, line.raw, line.position));
    }
  }

  #scheduleKeepalive(delayMs: number): void {
    this.#clearKeepalive();
    this.#keepaliveTimer = this.#options.clock.setTimeout(() => {
      this.#keepaliveTimer = undefined;
      this.#guard(() => this.#checkKeepalive());
    }, Math.max(0, delayMs));
  }

  /**
   * One timer per socket, re-armed from the time of the last traffic instead of reset on every frame, so a busy socket
   * costs nothing per message.
   */
  #checkKeepalive(): void {
    if (this.#state !== 'open') return;
    const { clock, keepaliveIntervalMs, keepaliveTimeoutMs } = this.#options;
    const now = clock.now();
    if (this.#pingSentAt !== undefined) {
      if (this.#trafficSincePing) {
        this.#pingSentAt = undefined;
      } else if (now - this.#pingSentAt >= keepaliveTimeoutMs) {
        this.#options.logger.warn('irc-ws keepalive timeout: no traffic after PING', {
          connection: this.id,
          timeoutMs: keepaliveTimeoutMs,
        });
        this.#closeReason ??= { kind: 'keepaliveTimeout' };
        this.#state = 'closing';
        this.#terminate();
        return;
      } else {
        this.#scheduleKeepalive(this.#pingSentAt + keepaliveTimeoutMs - now);
        return;
      }
    }
    const idle = now - this.#lastTrafficAt;
    if (idle >= keepaliveIntervalMs) {
      // Cleared before the write, so even an answer delivered synchronously by the socket counts.
      this.#trafficSincePing = false;
      this.#pingSentAt = now;
      this.write(buildPing('tio-keepalive'));
      this.#scheduleKeepalive(keepaliveTimeoutMs);
    } else {
      this.#scheduleKeepalive(keepaliveIntervalMs - idle);
    }
  }

  #finish(code: number | undefined, reason: string | undefined): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#clearConnectTimer();
    this.#clearKeepalive();
    if (this.#closeTimer !== undefined) {
      this.#options.clock.clearTimeout(this.#closeTimer);
      this.#closeTimer = undefined;
    }
    this.#splitter.reset();
    let disconnect = this.#closeReason;
    if (disconnect === undefined) {
      if (this.#lastError !== undefined) disconnect = { kind: 'error', error: this.#lastError };
      else if (code === undefined) disconnect = { kind: 'closed' };
      else disconnect = reason ? { kind: 'closed', code, reason } : { kind: 'closed', code };
    }
    this.#resolveClosed();
    this.#handlers.close(disconnect);
  }

  #clearConnectTimer(): void {
    if (this.#connectTimer !== undefined) {
      this.#options.clock.clearTimeout(this.#connectTimer);
      this.#connectTimer = undefined;
    }
  }

  #clearKeepalive(): void {
    if (this.#keepaliveTimer !== undefined) {
      this.#options.clock.clearTimeout(this.#keepaliveTimer);
      this.#keepaliveTimer = undefined;
    }
  }

  #guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      try {
        this.#handlers.error(toError(error));
      } catch (nested) {
        this.#options.logger.error('irc-ws error handler threw', { connection: this.id, error: String(nested) });
      }
    }
  }
}

function rawDataToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((total, part) => total + part.length, 0);
  return data.byteLength;
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
