import type WebSocket from 'ws';

/**
 * Options of {@link IrcWsTransport}, passed as `transportOptions` to the `Client`. Every field is optional;
 * {@link DefaultIrcWsTransportOptions} holds the defaults.
 *
 * @example
 * ```ts
 * const options: IrcWsTransportOptions = { joinTimeoutMs: 5_000, keepaliveIntervalMs: 60_000 };
 * ```
 */
export interface IrcWsTransportOptions {
  /**
   * The WebSocket URL of Twitch chat.
   *
   * Only `wss://` is accepted, except plain `ws://` to a loopback host (`127.0.0.1`, `::1`, `localhost`), which is
   * what the `@tio/testing` mock server listens on. Twitch refuses plain `ws://` since 2025-08 (protocol reference
   * §1.1), and a plain connection would carry the token in clear text.
   *
   * @defaultValue `'wss://irc-ws.chat.twitch.tv:443'`
   */
  readonly url?: string;
  /**
   * Accept a plain `ws://` URL to a non-loopback host (a TLS-terminating proxy on a private network, say). A warning
   * is logged on construction.
   *
   * @defaultValue `false`
   */
  readonly allowInsecureUrl?: boolean;
  /**
   * How long opening the WebSocket may take, in milliseconds, before the attempt counts as failed and is retried with
   * backoff. twitch-irc-rs uses 20 s (protocol reference §1.6).
   *
   * @defaultValue `20_000`
   */
  readonly connectTimeoutMs?: number;
  /**
   * How long to wait for the welcome (`001`) after `PASS`/`NICK`, in milliseconds. Twitch answers at once (§1.6), so
   * this only catches a server that accepted the socket and went silent. Too low a value makes slow links loop.
   *
   * @defaultValue `20_000`
   */
  readonly loginTimeoutMs?: number;
  /**
   * After this much silence on a socket, in milliseconds, the transport sends its own `PING`. Twitch's own PING comes
   * only about every five minutes, so a client PING is the only fast way to notice a dead link (§2); twitch-irc-rs
   * pings every 30 s, dank-twitch-irc and tmi.js every 60 s.
   *
   * @defaultValue `30_000`
   */
  readonly keepaliveIntervalMs?: number;
  /**
   * How long after its `PING` the transport waits for any traffic, in milliseconds, before it declares the socket
   * dead and reconnects. twitch-irc-rs waits 5 s, tmi.js about 10 s (§2). Too low a value reconnects on mere lag.
   *
   * @defaultValue `10_000`
   */
  readonly keepaliveTimeoutMs?: number;
  /**
   * How long a JOIN may go unconfirmed, in milliseconds, counted from when it left the account's JOIN limiter; then
   * the JOIN is sent again, or after {@link IrcWsTransportOptions.joinAttempts} JOINs the join fails with `timeout`. Twitch is silent for nonexistent channels (§3.10); twurple waits 10 s.
   *
   * @defaultValue `10_000`
   */
  readonly joinTimeoutMs?: number;
  /**
   * How many JOINs are written for one channel, in total, before a join that keeps timing out fails with `timeout`
   * and the channel leaves the desired set. A timeout is not a definitive answer: Twitch is silent for nonexistent
   * channels, but also loses JOINs now and then on long-lived sessions (protocol reference §3.10, §5 items 5 and 14),
   * so a timed-out JOIN is sent again through the account's JOIN limiter, after a back-off of `joinTimeoutMs` times
   * the attempt number (capped at 30 s). Definitive refusals (banned, suspended, not found, room cap) fail at once.
   * `1` disables the retry; a higher value keeps a truly nonexistent channel pending (and spends a JOIN) longer.
   *
   * @defaultValue `3`
   */
  readonly joinAttempts?: number;
  /**
   * How long a written PRIVMSG may wait for its confirming `USERSTATE` or refusing `NOTICE`, in milliseconds, before
   * it fails with `unconfirmed` (it may have been delivered). Twitch drops messages silently when the account is over
   * its rate limits (§4.1), and then
   * only this timeout settles them. dank-twitch-irc waits 2 s; too low a value reports delivered messages as failed.
   *
   * @defaultValue `10_000`
   */
  readonly sendConfirmationTimeoutMs?: number;
  /**
   * How many messages may wait to be written (not yet written to the socket), over all channels. Further sends fail
   * with `queueFull` instead of growing memory without bound.
   *
   * @defaultValue `1_000`
   */
  readonly sendQueueSize?: number;
  /**
   * Delay before the first reconnect after an unplanned disconnect, in milliseconds (before jitter); it doubles with
   * each failed attempt up to {@link IrcWsTransportOptions.maxReconnectDelayMs}.
   *
   * @defaultValue `1_000`
   */
  readonly reconnectDelayMs?: number;
  /**
   * The longest delay between reconnect attempts, in milliseconds.
   *
   * @defaultValue `60_000`
   */
  readonly maxReconnectDelayMs?: number;
  /**
   * Relative jitter of reconnect delays: each is multiplied by a random factor in `[1 - jitter, 1 + jitter]`, so many
   * shards dropped together do not all log in at the same moment.
   *
   * @defaultValue `0.2`
   */
  readonly reconnectJitter?: number;
  /**
   * A session that stayed ready this long, in milliseconds, resets the backoff, so the next disconnect again waits
   * only about {@link IrcWsTransportOptions.reconnectDelayMs}.
   *
   * @defaultValue `60_000`
   */
  readonly stableSessionMs?: number;
  /**
   * How long, after the server's `RECONNECT`, the replacement socket may spend rejoining before the transport switches
   * to it anyway, in milliseconds; joins still pending continue on the new socket. Twitch gives no deadline (§2); the
   * 2015 design note said about 30 s, so the default switches a little earlier.
   *
   * @defaultValue `20_000`
   */
  readonly reconnectGraceMs?: number;
  /**
   * How many recent message ids are remembered to drop duplicates: Twitch may resend a message, and both sockets
   * deliver the same messages during a RECONNECT overlap (§1.2, §2). It must cover the messages of all the shard's
   * channels during the time the two sockets lag each other.
   *
   * @defaultValue `4_096`
   */
  readonly deduplicationWindowSize?: number;
  /**
   * How long `stop()` and a socket replacement wait for the WebSocket closing handshake, in milliseconds, before the
   * socket is destroyed.
   *
   * @defaultValue `1_000`
   */
  readonly closeTimeoutMs?: number;
  /**
   * The WebSocket class to use, for tests that need to observe or fake the socket. It must behave like `ws`'s.
   *
   * @defaultValue the `WebSocket` class of the `ws` package
   */
  readonly webSocketConstructor?: typeof WebSocket;
}

/**
 * The defaults of {@link IrcWsTransportOptions}, in one place.
 */
export const DefaultIrcWsTransportOptions = {
  url: 'wss://irc-ws.chat.twitch.tv:443',
  allowInsecureUrl: false,
  connectTimeoutMs: 20_000,
  loginTimeoutMs: 20_000,
  keepaliveIntervalMs: 30_000,
  keepaliveTimeoutMs: 10_000,
  joinTimeoutMs: 10_000,
  joinAttempts: 3,
  sendConfirmationTimeoutMs: 10_000,
  sendQueueSize: 1_000,
  reconnectDelayMs: 1_000,
  maxReconnectDelayMs: 60_000,
  reconnectJitter: 0.2,
  stableSessionMs: 60_000,
  reconnectGraceMs: 20_000,
  deduplicationWindowSize: 4_096,
  closeTimeoutMs: 1_000,
} as const satisfies Required<Omit<IrcWsTransportOptions, 'webSocketConstructor'>>;
