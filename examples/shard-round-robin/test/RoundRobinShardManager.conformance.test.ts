import { IrcWsTransport } from '@tio/irc-ws';
import { describeShardManagerConformance } from '@tio/testing/vitest';
import { RoundRobinShardManager } from '../src/index.js';

// The proof that "publish your own shard manager" works: a manager built only on @tio/core's public API passes the
// same suite as tio's own managers, against the mock server on loopback.
describeShardManagerConformance({
  name: 'RoundRobinShardManager',
  manager: RoundRobinShardManager,
  transport: IrcWsTransport,
  transportOptions: (server) => ({
    url: server.url,
    joinTimeoutMs: 2_000,
    sendConfirmationTimeoutMs: 2_000,
    reconnectDelayMs: 50,
    maxReconnectDelayMs: 200,
    closeTimeoutMs: 200,
  }),
  managerOptions: { shardCount: 3 },
});
