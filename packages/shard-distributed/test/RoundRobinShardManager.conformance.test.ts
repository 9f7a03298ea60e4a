import { IrcWsTransport } from '@tio/irc-ws';
import { describeShardManagerConformance } from '@tio/testing/vitest';
import { RoundRobinShardManager } from './support/RoundRobinShardManager.js';
import { fastTransportOptions } from './support/fastTransport.js';

// A manager built only on @tio/core's public API passes the same suite as tio's own managers.
describeShardManagerConformance({
  name: 'RoundRobinShardManager (third-party style)',
  manager: RoundRobinShardManager,
  transport: IrcWsTransport,
  transportOptions: fastTransportOptions,
  managerOptions: { shardCount: 3 },
});
