import { Client, SimpleTokenHandler, type ShardManagerOptionsOf } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { expectTypeOf, test } from 'vitest';
import { ReadOnlyShardManager, type ReadOnlyShardManagerOptions } from '../src/index.js';

const tokenHandler = new SimpleTokenHandler({ login: 'bot', token: 'token' });

test('the Client types the manager options from the manager class', () => {
  expectTypeOf<ShardManagerOptionsOf<typeof ReadOnlyShardManager>>().toEqualTypeOf<Readonly<ReadOnlyShardManagerOptions>>();

  new Client({
    tokenHandler,
    transport: IrcWsTransport,
    shardManager: ReadOnlyShardManager,
    channelsPerShard: 100,
    maxShardCount: 40,
    senders: ['bot'],
    joinAs: { bot: ['bot'] },
  });

  // @ts-expect-error a misspelt option is a compile error, not only a runtime one
  new Client({ tokenHandler, transport: IrcWsTransport, shardManager: ReadOnlyShardManager, sender: ['bot'] });

  // @ts-expect-error joinAs maps logins to lists of channels
  new Client({ tokenHandler, transport: IrcWsTransport, shardManager: ReadOnlyShardManager, joinAs: { bot: 'bot' } });
});
