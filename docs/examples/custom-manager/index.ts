// #region entry
// src/index.ts of a published manager package: everything public, exported by name.
export { DefaultPackedShardManagerOptions, PackedShardManager } from './PackedShardManager.js';
export type { PackedShardManagerOptions } from './PackedShardManager.js';
// #endregion entry
