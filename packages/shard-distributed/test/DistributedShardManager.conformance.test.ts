import { IrcWsTransport } from '@tio/irc-ws';
import { describeShardManagerConformance } from '@tio/testing/vitest';
import { DistributedShardManager } from '../src/index.js';
import { fastTransportOptions } from './support/fastTransport.js';

describeShardManagerConformance({
  name: 'DistributedShardManager',
  manager: DistributedShardManager,
  transport: IrcWsTransport,
  transportOptions: fastTransportOptions,
  managerOptions: { channelsPerShard: 3, maxShardCount: 20 },
  capacity: { channelsPerShard: 3 },
});
