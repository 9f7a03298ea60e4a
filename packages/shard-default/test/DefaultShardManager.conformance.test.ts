import { IrcWsTransport } from '@tio/irc-ws';
import { describeShardManagerConformance } from '@tio/testing/vitest';
import { DefaultShardManager } from '../src/index.js';
import { fastTransportOptions } from './support/fastTransport.js';

describeShardManagerConformance({
  name: 'DefaultShardManager',
  manager: DefaultShardManager,
  transport: IrcWsTransport,
  transportOptions: fastTransportOptions,
});
