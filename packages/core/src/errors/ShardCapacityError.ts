import { TioError } from './TioError.js';

/**
 * Options of {@link ShardCapacityError}.
 */
export interface ShardCapacityErrorOptions {
  /** The channel that did not fit. */
  readonly channel: string;
  /** The manager's channels-per-shard limit. */
  readonly channelsPerShard: number;
  /** The manager's shard-count limit. */
  readonly maxShardCount: number;
  /** How many channels had to be placed, when the error concerns a batch (for example the initial channels). */
  readonly requestedChannels?: number;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * A shard manager cannot place a channel: every shard is full and no shard may be added. Thrown by managers (it lives
 * in `@tio/core` so every manager reports capacity the same way).
 *
 * @example
 * ```ts
 * if (shard.channelCount >= this.options.channelsPerShard && this.shards.size >= max) {
 *   throw new ShardCapacityError({ channel, channelsPerShard: 25, maxShardCount: max });
 * }
 * ```
 */
export class ShardCapacityError extends TioError {
  /** The channel that did not fit. */
  readonly channel: string;
  /** The channels-per-shard limit in force. */
  readonly channelsPerShard: number;
  /** The shard-count limit in force. */
  readonly maxShardCount: number;

  /**
   * Creates the error.
   *
   * @param options - The channel and the limits in force.
   */
  constructor(options: ShardCapacityErrorOptions) {
    const capacity = options.channelsPerShard * options.maxShardCount;
    const requested =
      options.requestedChannels === undefined ? '' : ` (${options.requestedChannels} channels were requested)`;
    super(
      'SHARD_CAPACITY',
      `Cannot place channel "${options.channel}": channelsPerShard is ${options.channelsPerShard} and maxShardCount ` +
        `is ${options.maxShardCount}, so at most ${capacity} channels fit${requested}. Raise channelsPerShard or ` +
        'maxShardCount, or part channels you no longer need.',
      { cause: options.cause },
    );
    this.channel = options.channel;
    this.channelsPerShard = options.channelsPerShard;
    this.maxShardCount = options.maxShardCount;
  }
}
