import { TioError } from './TioError.js';

/**
 * No `shardManager` was passed to the `Client`, and the default manager package could not be loaded.
 */
export class MissingShardManagerError extends TioError {
  /** The module specifier that was tried, normally `@tio/shard-default`. */
  readonly specifier: string;

  /**
   * Creates the error.
   *
   * @param specifier - The module specifier that was tried.
   * @param cause - Why loading failed.
   */
  constructor(specifier: string, cause?: unknown) {
    super(
      'MISSING_SHARD_MANAGER',
      `No shardManager was passed to the Client and "${specifier}" could not be loaded (or does not export ` +
        `DefaultShardManager). Install @tio/shard-default (npm install @tio/shard-default) or pass shardManager, ` +
        'for example shardManager: DistributedShardManager.',
      { cause },
    );
    this.specifier = specifier;
  }
}
