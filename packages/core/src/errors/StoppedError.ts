import { TioError } from './TioError.js';

/**
 * A wait (a rate-limiter queue, `client.start()`, `client.waitFor()`) ended because the client, shard or limiter
 * stopped first.
 */
export class StoppedError extends TioError {
  /**
   * Creates the error.
   *
   * @param what - What was waiting, for example `the JOIN rate limiter wait`.
   */
  constructor(what: string) {
    super('STOPPED', `${what} was cancelled because the client stopped. Nothing to do unless the stop was unexpected.`);
  }
}
