/**
 * `@tio/shard-readonly`: a shard manager that reads any number of channels through anonymous shards and sends through
 * authenticated ones, for one bot account or several, past Twitch's 100-room cap per account.
 *
 * @packageDocumentation
 */
export { ReadOnlyShardManager } from './ReadOnlyShardManager.js';
export { DefaultReadOnlyShardManagerOptions } from './ReadOnlyShardManagerOptions.js';
export type { ReadOnlyShardManagerOptions, ResolvedReadOnlyShardManagerOptions } from './ReadOnlyShardManagerOptions.js';
