import { TioError } from '@tio/core';

/**
 * Reported (as an `error` event, not thrown) when a WebSocket frame is binary. Twitch sends IRC as text frames only
 * (protocol reference §1.2); the frame is ignored and the connection keeps going.
 *
 * @example
 * ```ts
 * if (UnexpectedFrameError.isInstance(error)) console.warn(`ignored a ${error.byteLength}-byte binary frame`);
 * ```
 */
export class UnexpectedFrameError extends TioError {
  /** The size of the ignored frame in bytes. */
  readonly byteLength: number;

  /**
   * Creates the error.
   *
   * @param byteLength - The frame size in bytes.
   */
  constructor(byteLength: number) {
    super(
      'IRC_WS_BINARY_FRAME',
      `Ignored a binary WebSocket frame of ${byteLength} bytes: Twitch chat sends IRC lines as text frames only. ` +
        'If this repeats, check that the transport url points at Twitch chat.',
    );
    this.byteLength = byteLength;
  }
}
