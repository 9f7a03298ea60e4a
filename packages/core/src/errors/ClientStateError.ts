import { TioError } from './TioError.js';

/**
 * A `Client` method was called in a state that does not allow it, for example `join()` before `start()` or
 * `start()` after `stop()`.
 */
export class ClientStateError extends TioError {
  /** The client's state when the call was made. */
  readonly state: string;

  /**
   * Creates the error.
   *
   * @param action - What was attempted, for example `join()`.
   * @param state - The client's state.
   * @param nextStep - What to do instead.
   */
  constructor(action: string, state: string, nextStep: string) {
    super('CLIENT_STATE', `Cannot ${action} while the client is ${state}. ${nextStep}`);
    this.state = state;
  }
}
