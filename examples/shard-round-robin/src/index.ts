export { RoundRobinShardManager } from './RoundRobinShardManager.js';
export type { RoundRobinShardManagerOptions } from './RoundRobinShardManager.js';
