/**
 * `@tio/shard-distributed`: a shard manager that spreads a bot's channels over several shards of one login in one
 * process, within a capacity, opening and retiring shards as channels come and go.
 *
 * @packageDocumentation
 */
export { DistributedShardManager } from './DistributedShardManager.js';
export { DefaultDistributedShardManagerOptions } from './DistributedShardManagerOptions.js';
export type { DistributedShardManagerOptions, ResolvedDistributedShardManagerOptions } from './DistributedShardManagerOptions.js';
