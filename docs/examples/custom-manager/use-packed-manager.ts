/**
 * Runs PackedShardManager on the mock server, with two channels per shard and at most three shards.
 */
import { Client, InvalidOptionError, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { MockTwitchServer } from '@tio/testing';
import { PackedShardManager } from './PackedShardManager.js';

const server = new MockTwitchServer({ accounts: [{ login: 'tio_demo_bot', token: 'demo-token' }] });
await server.start();
const tokenHandler = new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' });

// #region use
const client = new Client({
  tokenHandler,
  transport: IrcWsTransport,
  transportOptions: { url: server.url },
  shardManager: PackedShardManager,
  channelsPerShard: 2, // typed from PackedShardManagerOptions
  maxShards: 3,
  initialChannels: ['alpha', 'bravo', 'charlie'],
});
// #endregion use

const layout = (): string =>
  [...client.shards.values()].map((shard) => `${shard.id}=[${[...shard.channels].join(',')}]`).join(' ');

await client.start();
console.log(`after start: ${layout()}`); // shard-0=[alpha,bravo] shard-1=[charlie]

await client.join(['delta', 'echo']);
console.log(`after joins: ${layout()}`); // shard-0=[alpha,bravo] shard-1=[charlie,delta] shard-2=[echo]

await client.part('echo');
console.log(`after part:  ${layout()}`); // shard-2 ran empty and was closed

const sent = await client.send('charlie', 'hello from a packed shard');
console.log(`#charlie was served by ${sent.shardId}`);

await client.stop();

// #region invalid
try {
  new Client({ tokenHandler, transport: IrcWsTransport, shardManager: PackedShardManager, maxShards: 1.5 });
} catch (error) {
  if (InvalidOptionError.isInstance(error)) console.log(error.message); // option "maxShards" is 1.5, but it must be …
}
// #endregion invalid

await server.stop();
