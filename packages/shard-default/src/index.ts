/**
 * `@tio/shard-default`: the shard manager a tio `Client` uses when it is given none, one shard for every channel.
 *
 * @packageDocumentation
 */
export { DEFAULT_SHARD_ID, DefaultShardManager } from './DefaultShardManager.js';
export type { DefaultShardManagerOptions } from './DefaultShardManager.js';
