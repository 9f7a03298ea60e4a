import { TioError } from './TioError.js';

/**
 * One or more channel names are not valid Twitch logins. Raised before anything is sent to Twitch.
 *
 * A valid name, after removing one leading `#` and lower-casing, matches `[a-z0-9_]{1,25}`
 * (`twitch-protocol.md` §4.8; 1–3 character logins exist and are allowed).
 */
export class InvalidChannelError extends TioError {
  /** The names that were refused, as given. */
  readonly channels: readonly string[];

  /**
   * Creates the error.
   *
   * @param channels - The names that were refused, as given (non-strings are shown by their type).
   */
  constructor(channels: readonly unknown[]) {
    const shown = channels.map(describeName);
    super(
      'INVALID_CHANNEL',
      `${shown.length === 1 ? 'Channel name' : `${shown.length} channel names`} not valid: ${shown.join(', ')}. ` +
        'A channel is a Twitch login: 1 to 25 characters of a-z, 0-9 and _, optionally with one leading #. ' +
        'Fix or remove these names.',
    );
    this.channels = Object.freeze(shown);
  }
}

function describeName(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `<${value === null ? 'null' : typeof value}>`;
}
