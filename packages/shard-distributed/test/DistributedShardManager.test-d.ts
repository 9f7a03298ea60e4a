import { Client, SimpleTokenHandler, type ShardManagerOptionsOf } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { expectTypeOf, test } from 'vitest';
import { DistributedShardManager, type DistributedShardManagerOptions } from '../src/index.js';

const tokenHandler = new SimpleTokenHandler({ login: 'bot', token: 'token' });

test('the Client types the manager options from the manager class', () => {
  expectTypeOf<ShardManagerOptionsOf<typeof DistributedShardManager>>().toEqualTypeOf<Readonly<DistributedShardManagerOptions>>();

  new Client({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, channelsPerShard: 10, maxShardCount: 8 });

  // @ts-expect-error a misspelt option is a compile error, not only a runtime one
  new Client({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, channelPerShard: 10 });

  // @ts-expect-error option values are typed
  new Client({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, initialShardCount: '2' });
});
