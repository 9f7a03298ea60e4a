import { IrcWsTransport } from '@tio/irc-ws';
import { describeShardManagerConformance } from '@tio/testing/vitest';
import { DefaultShardManager } from '../src/index.js';
import { fastTransportOptions } from './support/fastTransport.js';

describeShardManagerConformance({
  name: 'DefaultShardManager',
  manager: DefaultShardManager,
  transport: IrcWsTransport,
  transportOptions: fastTransportOptions,
  // One shard by design: the shared-budget case checks that exactly one connection joined, and says so in its name.
  singleShard: true,
});
