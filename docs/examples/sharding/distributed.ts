/**
 * DistributedShardManager at work, on the mock server with deliberately tiny shards (two channels each, at most three
 * shards) so every rule shows in a few lines: the even split at start, least-loaded placement, a new shard when all
 * are full, a capacity error past the maximum, and the retirement of an extended shard that ran empty.
 */
import { Client, InvalidOptionError, ShardCapacityError, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { DistributedShardManager } from '@tio/shard-distributed';
import { MockTwitchServer } from '@tio/testing';

const server = new MockTwitchServer({ accounts: [{ login: 'tio_demo_bot', token: 'demo-token' }] });
await server.start();
const tokenHandler = new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' });

// #region client
const client = new Client({
  tokenHandler,
  transport: IrcWsTransport,
  transportOptions: { url: server.url },
  shardManager: DistributedShardManager, // the class: the client creates the instance when it starts
  channelsPerShard: 2, // the manager's own options sit next to the client's, type-checked against the class
  maxShardCount: 3,
  initialShardCount: 1,
  initialChannels: ['alpha', 'bravo', 'charlie'],
});
// #endregion client

/** Prints which shard holds which channels. */
function printLayout(title: string): void {
  const layout = [...client.shards.values()].map((shard) => `${shard.id}=[${[...shard.channels].join(',')}]`);
  console.log(`${title}: ${layout.join(' ')}`);
}

await client.start();
// Three channels do not fit on one shard of two, so start() opened two: shard-0=[alpha,bravo] shard-1=[charlie].
printLayout('after start');

// #region join
// delta goes to the least-loaded shard (shard-1); echo and foxtrot find every shard full and open shard-2.
for (const result of await client.join(['delta', 'echo', 'foxtrot'])) {
  if (!result.joined) console.warn(`#${result.channel}: ${result.reason}`);
}
printLayout('after three joins');

// Three full shards and maxShardCount 3: golf cannot be placed.
const [golf] = await client.join('golf');
if (golf !== undefined && !golf.joined && golf.reason === 'assignFailed' && ShardCapacityError.isInstance(golf.error)) {
  console.log(golf.error.message); // names both limits and says which one to raise
}
// #endregion join

// #region part
// shard-2 is an extended shard (opened by a join); once its last channel is parted it is stopped and removed.
await client.part(['echo', 'foxtrot']);
printLayout('after parting echo and foxtrot'); // shard-0=[alpha,bravo] shard-1=[charlie,delta]
// #endregion part

// #region sender
// Which shard would send to #delta? The ready shard that holds it, as the token handler's default login.
const sender = await client.shardManager?.getSenderShard('delta', 'tio_demo_bot');
console.log(`a message to #delta goes out through ${sender?.id ?? 'no shard'}`);
// #endregion sender

await client.stop();

// #region validation
try {
  new Client({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, maxShardCount: 0 });
} catch (error) {
  if (InvalidOptionError.isInstance(error)) console.log(error.message); // maxShardCount must be an integer >= 1
}

try {
  new Client({
    tokenHandler,
    transport: IrcWsTransport,
    shardManager: DistributedShardManager,
    // @ts-expect-error -- a typo is a compile error: channelPerShard is not an option of the client or the manager
    channelPerShard: 10,
  });
} catch (error) {
  // Without the type checker (plain JavaScript) the same typo is an InvalidOptionError that suggests channelsPerShard.
  if (InvalidOptionError.isInstance(error)) console.log(error.message);
}
// #endregion validation

await server.stop();
