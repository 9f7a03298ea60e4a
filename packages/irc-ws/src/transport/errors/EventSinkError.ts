import { TioError } from '@tio/core';

/**
 * Reported (as an `error` event) when a callback of the transport's event sink threw. The transport catches it so
 * one faulty listener cannot break the connection's state machine, and goes on.
 *
 * @example
 * ```ts
 * if (EventSinkError.isInstance(error)) console.error(`the ${error.event} listener threw`, error.cause);
 * ```
 */
export class EventSinkError extends TioError {
  /** The sink callback that threw, for example `message`. */
  readonly event: string;

  /**
   * Creates the error.
   *
   * @param event - The callback name.
   * @param cause - What it threw.
   */
  constructor(event: string, cause: unknown) {
    super(
      'IRC_WS_EVENT_SINK_THREW',
      `The "${event}" event handler threw; the transport caught it and kept going. Fix the handler (see cause).`,
      { cause },
    );
    this.event = event;
  }
}
