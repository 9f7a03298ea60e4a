/**
 * ReadOnlyShardManager on the mock server: 300 channels (three times what one account may join) read through
 * anonymous readers, while the bot's own login answers in any of them from a sender shard that joins nothing.
 */
import { Client, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { ReadOnlyShardManager } from '@tio/shard-readonly';
import { MockTwitchServer } from '@tio/testing';

const server = new MockTwitchServer({ accounts: [{ login: 'tio_demo_bot', token: 'demo-token' }] });
await server.start();
const channels = Array.from({ length: 300 }, (_, index) => `channel_${index}`);

// #region client
const client = new Client({
  tokenHandler: new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' }),
  transport: IrcWsTransport,
  transportOptions: { url: server.url }, // leave it out for Twitch itself
  shardManager: ReadOnlyShardManager,
  channelsPerShard: 100, // three anonymous readers of 100 channels each
  maxShardCount: 50, // room for 5,000 channels before joins fail with ShardCapacityError
  joinAs: { tio_demo_bot: ['tio_demo_bot'] }, // its own channel: its badges are known before it speaks there
  initialChannels: [...channels, 'tio_demo_bot'],
});
// #endregion client

// #region handlers
client.on('message', async (message) => {
  // The bot's own messages come back on the anonymous reader of the channel (Twitch hides them only from the sending
  // connection), flagged `self`.
  if (message.self) return;
  if (message.text === '!ping') await message.reply('pong'); // sent by sender-tio_demo_bot, which never joined
});
// #endregion handlers

// Here as on Twitch about 2.5 minutes: the anonymous readers pace their JOINs at 20 per 10 s (see the guide).
await client.start();
const manager = client.shardManager;
console.log(manager?.readerShards().map((reader) => `${reader.id}: ${reader.channelCount}`)); // reader-0: 100, …
console.log(manager?.senderShards().map((sender) => `${sender.id}: ${[...sender.channels].join(',')}`)); // sender-tio_demo_bot: tio_demo_bot

// #region send
// Any of the 300 channels, by name: no JOIN first, and no place taken under the 100-room cap.
const sent = await client.send('channel_250', 'hello from a shard that never joined this channel');
console.log(sent.shardId, sent.messageId); // sender-tio_demo_bot <id from Twitch's USERSTATE>
// #endregion send

// #region stats
// The mock counts the account's rooms under the cap: only non-moderator rooms it sits in count (its own channel does
// not), so the login stayed at 0 while the client read 300 channels.
const account = server.stats().accounts['tio_demo_bot'];
console.log(account?.channels, account?.rooms, account?.peakRooms); // [ 'tio_demo_bot' ] [] 0
console.log(server.violations()); // []
// #endregion stats

await client.stop();
await server.stop();
