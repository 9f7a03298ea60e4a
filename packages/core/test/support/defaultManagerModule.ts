// Stands in for @tio/shard-default in tests of the default-manager loading path.
export { SingleShardManager as DefaultShardManager } from './managers.js';
