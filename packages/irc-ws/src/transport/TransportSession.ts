import { setMaxListeners } from 'node:events';
import type { DisconnectReason, IrcCredentials, SendRequest, SentMessage, TimerHandle } from '@tio/core';
import type { IrcWsConnection } from './IrcWsConnection.js';

/**
 * What a session is to the transport:
 * - `active`: the socket sends go to and whose events are delivered;
 * - `replacement`: the new socket made after the server's RECONNECT, logging in and rejoining before the switch;
 * - `draining`: the old socket after the switch, kept open until its written messages are confirmed.
 *
 * @internal
 */
export type SessionRole = 'active' | 'replacement' | 'draining';

/**
 * How a login attempt ended.
 *
 * @internal
 */
export type LoginOutcome =
  | { readonly kind: 'ready' }
  | { readonly kind: 'authenticationFailed'; readonly detail: string; readonly cause?: unknown }
  | {
      readonly kind: 'failed';
      readonly reason: DisconnectReason;
      /** The error was already reported as an `error` event (credentials could not be fetched). */
      readonly reported?: boolean;
    };

/**
 * A channel in the JOIN pipeline of one session: waiting for a room or a JOIN slot, or written and awaiting the
 * server's answer.
 *
 * @internal
 */
export interface PendingJoin {
  /** `true` once the JOIN line was written. */
  written: boolean;
  /** Order of the write among all lines the transport wrote, to tell which request a NOTICE answers. */
  writeSequence: number;
  /** The join timeout, armed when the JOIN was written; or the back-off before the next attempt after a timeout. */
  timer: TimerHandle | undefined;
  /** How many JOIN lines were written for this channel on this session (a timed-out JOIN is retried). */
  attempts: number;
}

/**
 * A chat message from `send()` until it settles.
 *
 * @internal
 */
export interface SendEntry {
  readonly request: SendRequest;
  readonly channel: string;
  readonly nonce: string;
  readonly line: string;
  state: 'queued' | 'written' | 'settled';
  session: TransportSession | undefined;
  writeSequence: number;
  sentAt: number;
  timer: TimerHandle | undefined;
  waitController: AbortController | undefined;
  readonly resolve: (message: SentMessage) => void;
  readonly reject: (error: Error) => void;
  readonly onAbort: () => void;
}

/**
 * The transport's bookkeeping for one socket: its role, login state, the channels it has joined and is joining, and
 * the messages written on it that await confirmation. Joins and confirmations are per socket, because Twitch answers
 * on the socket that asked.
 *
 * @internal
 */
export class TransportSession {
  /** Aborted when the session ends: cancels its limiter waits. */
  readonly controller = sessionAbortController();
  /** Confirmed channels on this socket. */
  readonly joined = new Set<string>();
  /** Channels in this socket's JOIN pipeline. */
  readonly joining = new Map<string, PendingJoin>();
  /** Channels whose JOIN echo came and whose join USERSTATE (no `id`) is still expected. */
  readonly awaitingJoinUserState = new Set<string>();
  /** Channels this socket PARTed on request, so the PART echo is not taken for a ban. */
  readonly requestedParts = new Set<string>();
  /** Written messages awaiting confirmation, per channel, oldest first. */
  readonly outstanding = new Map<string, SendEntry[]>();
  /** Channels whose JOIN slot was granted in this tick, written together as one bulk JOIN. */
  joinBatch: string[] = [];
  joinFlushScheduled = false;
  /** The nick sent with NICK (lower case). */
  nick: string;
  /** Whether the socket opened. */
  opened = false;
  /** Whether the welcome (`001`) arrived. */
  ready = false;
  /** Clock time of the welcome. */
  readyAt = 0;
  /** Whether the socket ended. */
  ended = false;
  /** Whether the server rejected the credentials on this socket. */
  authenticationFailed = false;
  loginTimer: TimerHandle | undefined;
  /** Resolves once the login attempt ends (never rejects). */
  readonly loginOutcome: Promise<LoginOutcome>;
  #settleLogin!: (outcome: LoginOutcome) => void;
  #loginSettled = false;

  /**
   * Creates the bookkeeping of a socket.
   *
   * @param id - A number for logs.
   * @param role - What the socket is for.
   * @param credentials - Who it logs in as; `undefined` to fetch them once the socket is open.
   * @param nick - The nick it sends.
   * @param connection - The socket.
   */
  constructor(
    readonly id: number,
    public role: SessionRole,
    public credentials: IrcCredentials | undefined,
    nick: string,
    readonly connection: IrcWsConnection,
  ) {
    this.nick = nick;
    this.loginOutcome = new Promise<LoginOutcome>((resolve) => {
      this.#settleLogin = resolve;
    });
  }

  /** The abort signal of this session. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the login attempt has ended. */
  get loginSettled(): boolean {
    return this.#loginSettled;
  }

  /**
   * Ends the login attempt (the first call wins).
   *
   * @param outcome - How it ended.
   */
  settleLogin(outcome: LoginOutcome): void {
    if (this.#loginSettled) return;
    this.#loginSettled = true;
    this.#settleLogin(outcome);
  }

  /** How many written messages await confirmation. */
  get outstandingCount(): number {
    let count = 0;
    for (const list of this.outstanding.values()) count += list.length;
    return count;
  }
}

/**
 * The session's controller. Every channel with queued messages waits on the message limiter with one listener on this
 * signal, so a busy bot legitimately holds more than Node's default of 10 listeners; lifting the cap avoids a false
 * `MaxListenersExceededWarning`. The listeners stay bounded by the number of channels with queued sends.
 */
function sessionAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
