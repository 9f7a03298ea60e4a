import { TioError } from './TioError.js';

/**
 * Options of {@link ShardAssignmentError}.
 */
export interface ShardAssignmentErrorOptions {
  /** The shard manager's class name. */
  readonly manager: string;
  /** The channel that could not be placed. */
  readonly channel: string;
  /** What went wrong, for example `assignShard() returned without placing it on a shard`. */
  readonly detail: string;
  /** What to do about it. */
  readonly nextStep: string;
}

/**
 * A shard manager could not place a channel on a shard for a reason other than capacity (that is
 * `ShardCapacityError`): its `assignShard()` returned without placing the channel, it has no running shard to place it
 * on, or it was used before `setup()` ran. `client.join()` reports it as an `assignFailed` result.
 *
 * @example
 * ```ts
 * const [result] = await client.join('somechannel');
 * if (!result.joined && result.reason === 'assignFailed' && ShardAssignmentError.isInstance(result.error)) {
 *   console.error(result.error.message);
 * }
 * ```
 */
export class ShardAssignmentError extends TioError {
  /** The shard manager's class name. */
  readonly manager: string;
  /** The channel that could not be placed. */
  readonly channel: string;

  /**
   * Creates the error.
   *
   * @param options - The manager, the channel, what went wrong and what to do.
   */
  constructor(options: ShardAssignmentErrorOptions) {
    super('SHARD_ASSIGNMENT', `${options.manager} could not place #${options.channel}: ${options.detail}. ${options.nextStep}`);
    this.manager = options.manager;
    this.channel = options.channel;
  }
}
