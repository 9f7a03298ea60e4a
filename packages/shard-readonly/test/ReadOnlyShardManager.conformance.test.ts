import { IrcWsTransport } from '@tio/irc-ws';
import { describeShardManagerConformance } from '@tio/testing/vitest';
import { ReadOnlyShardManager } from '../src/index.js';
import { fastTransportOptions } from './support/fastTransport.js';

// The channels are read by anonymous readers of at most three channels each; the bot's login only sends.
describeShardManagerConformance({
  name: 'ReadOnlyShardManager',
  manager: ReadOnlyShardManager,
  transport: IrcWsTransport,
  transportOptions: fastTransportOptions,
  managerOptions: { channelsPerShard: 3, maxShardCount: 20 },
  capacity: { channelsPerShard: 3 },
  readers: 'anonymous',
});
