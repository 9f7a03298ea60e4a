import { TioError } from './TioError.js';

/**
 * The shard manager has no shard that can send to a channel as the requested login.
 */
export class NoSenderShardError extends TioError {
  /** The target channel. */
  readonly channel: string;
  /** The login the message should be sent as. */
  readonly login: string;

  /**
   * Creates the error.
   *
   * @param channel - The target channel.
   * @param login - The login the message should be sent as.
   */
  constructor(channel: string, login: string) {
    super(
      'NO_SENDER_SHARD',
      `No shard logged in as ${JSON.stringify(login)} can send to #${channel}. Add a shard for that login in your shard ` +
        "manager (the token handler must know the login), or send as another login with { as }.",
    );
    this.channel = channel;
    this.login = login;
  }
}
