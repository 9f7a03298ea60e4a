import { TioError } from './TioError.js';

/**
 * An initial shard ended up `failed` during `client.start()` without reporting why (its transport gave up without an
 * error). `client.start()` rejects with it, and the client stops. A shard that reports its reason (for example
 * `AuthenticationError`) rejects `client.start()` with that error instead.
 */
export class ShardStartError extends TioError {
  /** The id of the shard that failed. */
  readonly shardId: string;

  /**
   * Creates the error.
   *
   * @param shardId - The id of the shard that failed.
   * @param cause - The underlying error, if any.
   */
  constructor(shardId: string, cause?: unknown) {
    super(
      'SHARD_START',
      `Shard "${shardId}" failed while the client was starting, without reporting why. Check the error events and ` +
        'logs of that shard (its transport gave up), then start a new Client.',
      { cause },
    );
    this.shardId = shardId;
  }
}
