import { TioError } from './TioError.js';

/**
 * A wait with a time limit, such as `client.waitFor(event, { timeoutMs })`, ran out of time.
 */
export class TimeoutError extends TioError {
  /** The time limit that passed, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * Creates the error.
   *
   * @param what - What was being waited for.
   * @param timeoutMs - The time limit that passed.
   */
  constructor(what: string, timeoutMs: number) {
    super('TIMEOUT', `Timed out after ${timeoutMs} ms waiting for ${what}; raise timeoutMs if it may take longer.`);
    this.timeoutMs = timeoutMs;
  }
}
