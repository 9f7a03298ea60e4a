/**
 * A first tio bot, run against the mock Twitch chat server of `@tio/testing`: no account, no token, no network.
 * The bot joins #tio_demo, says hello, answers a viewer's `!ping`, says goodbye and stops.
 */
// #region setup
import { Client, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { MockTwitchServer } from '@tio/testing';

// The mock accepts the accounts it is given, with Twitch's limits, on 127.0.0.1 and a free port.
const server = new MockTwitchServer({ accounts: [{ login: 'tio_demo_bot', token: 'demo-token' }] });
await server.start();
// #endregion setup

// #region client
const client = new Client({
  tokenHandler: new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' }),
  transport: IrcWsTransport,
  // Plain ws:// is accepted for loopback addresses only; the default URL is Twitch's wss:// endpoint.
  transportOptions: { url: server.url },
  initialChannels: ['tio_demo'],
});
// #endregion client

// #region events
client.on('message', async (message) => {
  if (message.self) return; // our own messages, echoed to the bot's other connections
  console.log(`#${message.channel} <${message.displayName}> ${message.text}`);
  if (message.text === '!ping') await message.reply('pong');
});
client.on('joinFailure', (channel, reason) => console.warn(`could not join #${channel}: ${reason}`));
client.on('error', (error, details) => console.error(`[${details.source}] ${error.message}`));
// #endregion events

// #region start
await client.start(); // resolves once the shard is logged in and #tio_demo is joined (or failed)
// #endregion start

// #region send
const sent = await client.send('tio_demo', 'Hello, chat!');
console.log(`sent through ${sent.shardId} with message id ${sent.messageId ?? '(none reported)'}`);
// #endregion send

// #region try
// A viewer types !ping (injected by the mock); wait until the bot's answer reaches the server.
const pong = server.waitFor('privmsg', (event) => event.login === 'tio_demo_bot' && event.text === 'pong');
server.chat('tio_demo', { login: 'a_viewer', text: '!ping' });
console.log(`the answer was ${(await pong).outcome}`);
// #endregion try

// Messages to one channel go out in order, so once this one is confirmed, the pong above is confirmed too.
await client.send('tio_demo', 'Bye!');
// #region stop
await client.stop();
// #endregion stop
await server.stop();
