import { TioError } from '@tio/core';

/**
 * Reported (as an `error` event, not thrown) when the server answers `CAP * NAK`: it refused the capabilities the
 * transport needs (`twitch.tv/tags`, `twitch.tv/commands`, `twitch.tv/membership`, protocol reference §1.3).
 *
 * The connection keeps going: joins are still confirmed by the server's JOIN echo, which needs no capability. But
 * without `twitch.tv/commands` Twitch sends no USERSTATE and no NOTICE ids, so sends can only end in a confirmation
 * `timeout`, and without `twitch.tv/tags` messages lack their ids. Twitch itself supports all three, so a NAK means
 * something between the bot and Twitch (a proxy, a wrong URL) is not Twitch chat.
 *
 * @example
 * ```ts
 * if (CapabilityRejectedError.isInstance(error)) console.error('refused:', error.capabilities);
 * ```
 */
export class CapabilityRejectedError extends TioError {
  /** The capabilities the server refused. */
  readonly capabilities: readonly string[];

  /**
   * Creates the error.
   *
   * @param capabilities - The refused capabilities, as listed in the NAK.
   */
  constructor(capabilities: readonly string[]) {
    super(
      'IRC_WS_CAPABILITY_REJECTED',
      `The server refused the capabilities ${capabilities.join(' ') || '(none listed)'} (CAP NAK). Twitch supports ` +
        'twitch.tv/tags, twitch.tv/commands and twitch.tv/membership, so check that the transport url points at ' +
        'Twitch chat; without them sends cannot be confirmed.',
    );
    this.capabilities = capabilities;
  }
}
