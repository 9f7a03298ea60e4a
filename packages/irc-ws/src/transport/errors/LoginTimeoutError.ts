import { TioError } from '@tio/core';

/**
 * Reported (as the cause of a disconnect, followed by a reconnect) when opening the WebSocket or logging in took
 * longer than the transport's `connectTimeoutMs` or `loginTimeoutMs`.
 *
 * @example
 * ```ts
 * if (LoginTimeoutError.isInstance(error)) console.warn(`${error.phase} took over ${error.timeoutMs} ms`);
 * ```
 */
export class LoginTimeoutError extends TioError {
  /** Which step timed out: opening the socket, or waiting for the welcome (`001`) after `PASS`/`NICK`. */
  readonly phase: 'connect' | 'login';
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * Creates the error.
   *
   * @param phase - Which step timed out.
   * @param timeoutMs - The limit in milliseconds.
   */
  constructor(phase: 'connect' | 'login', timeoutMs: number) {
    super(
      'IRC_WS_LOGIN_TIMEOUT',
      phase === 'connect'
        ? `The WebSocket did not open within connectTimeoutMs (${timeoutMs} ms); retrying with backoff. Check the ` +
            'network, or raise connectTimeoutMs on slow links.'
        : `No welcome (001) within loginTimeoutMs (${timeoutMs} ms) after PASS/NICK; retrying with backoff. Raise ` +
            'loginTimeoutMs if the server is slow.',
    );
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}
