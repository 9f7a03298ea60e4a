/**
 * Two bot accounts in one Client, on the mock server: each login has its own sender shard, its own message and JOIN
 * budgets and its own 100-room cap; `send(…, { as })` picks the account, and `joinAs` lets one account sit in the
 * channels where it must know its badges up front.
 */
import { Client, NoSenderShardError, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { ReadOnlyShardManager } from '@tio/shard-readonly';
import { MockTwitchServer } from '@tio/testing';

const server = new MockTwitchServer({
  accounts: [
    { login: 'main_bot', token: 'main-token', moderatorIn: ['partner_channel'] },
    { login: 'alerts_bot', token: 'alerts-token' },
  ],
});
await server.start();

// #region client
const client = new Client({
  tokenHandler: new SimpleTokenHandler({
    accounts: [
      { login: 'main_bot', token: 'main-token' }, // the first account is the default login
      { login: 'alerts_bot', token: 'alerts-token' },
    ],
  }),
  transport: IrcWsTransport,
  transportOptions: { url: server.url },
  shardManager: ReadOnlyShardManager,
  senders: ['main_bot', 'alerts_bot'], // one sender shard each, opened at start
  // main_bot moderates partner_channel: joining it gives its USERSTATE (moderator), so it may send 100 per 30 s there
  // from the first message on. A moderator room does not count under the cap; a regular room would.
  joinAs: { main_bot: ['partner_channel'] },
  initialChannels: ['partner_channel', 'channel_one', 'channel_two'],
});
// #endregion client

await client.start();

// #region send
await client.send('channel_one', 'hello from main_bot'); // the default login
await client.send('channel_one', 'stream is live!', { as: 'alerts_bot' }); // alerts_bot's own budget

// alerts_bot's messages do not wait behind main_bot's: each account has its own 20-per-30-s bucket
// (client.limiters holds one limiter per login).
console.log(client.limiters.get('main_bot') !== client.limiters.get('alerts_bot')); // true

// Later, one more room for main_bot's own shard (under main_bot's room cap), instead of an anonymous reader.
const [joined] = await client.join('partner_channel_2', { as: 'main_bot' });
console.log(joined?.joined, client.shardManager?.shardOf('partner_channel_2')?.id); // true sender-main_bot

try {
  await client.send('channel_two', 'who am I?', { as: 'unknown_bot' });
} catch (error) {
  if (NoSenderShardError.isInstance(error)) console.log(error.message); // the token handler has no such login
}
// #endregion send

await client.stop();
await server.stop();
