import { TioError } from './TioError.js';

/**
 * A shard manager tried to add a shard with an id that is already in use. Ids identify shards in events and logs, so
 * they must be unique within a client.
 */
export class DuplicateShardError extends TioError {
  /** The id that is already taken. */
  readonly shardId: string;

  /**
   * Creates the error.
   *
   * @param shardId - The id that is already taken.
   */
  constructor(shardId: string) {
    super(
      'DUPLICATE_SHARD',
      `A shard with id "${shardId}" already exists; shard ids must be unique. Pick another id, or removeShard() the ` +
        'old shard first.',
    );
    this.shardId = shardId;
  }
}
