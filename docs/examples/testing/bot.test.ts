/**
 * Testing a tio bot with vitest and the mock server: behaviour as a viewer sees it, behaviour across a server-requested
 * reconnect, and Twitch's limits. Run with `vitest run`.
 */
// #region bot
import { Client, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';

/** The bot under test: answers `!ping` with `pong`. Yours would be your real bot, pointed at the mock's URL. */
export function createPingBot(url: string): Client {
  const client = new Client({
    tokenHandler: new SimpleTokenHandler({ login: 'pingbot', token: 'secret' }),
    transport: IrcWsTransport,
    transportOptions: { url, reconnectDelayMs: 50 },
    initialChannels: ['test_channel'],
  });
  client.on('message', async (message) => {
    if (!message.self && message.text === '!ping') await message.reply('pong');
  });
  return client;
}
// #endregion bot

// #region tests
import { useMockTwitchServer } from '@tio/testing/vitest';
import { afterEach, beforeEach, expect, it } from 'vitest';

// A fresh mock for every test: the helper registers beforeEach/afterEach hooks that start and stop it.
const server = useMockTwitchServer({ accounts: [{ login: 'pingbot', token: 'secret' }] });
let bot: Client;

beforeEach(async () => {
  bot = createPingBot(server().url);
  await bot.start();
});
afterEach(async () => {
  await bot.stop();
});

it('answers !ping with a threaded pong', async () => {
  const ping = server().chat('test_channel', { login: 'viewer', text: '!ping' });
  const reply = await server().waitFor('privmsg', (event) => event.login === 'pingbot');

  expect(reply).toMatchObject({ channel: 'test_channel', text: 'pong', outcome: 'delivered' });
  expect(reply.clientTags['reply-parent-msg-id']).toBe(ping.id);
  expect(server().violations()).toEqual([]);
});

it('keeps answering after Twitch asks it to reconnect', async () => {
  const [oldConnection] = server().connections('pingbot');
  const rejoined = server().waitFor(
    'join',
    (event) => event.channel === 'test_channel' && event.outcome === 'joined' && event.connectionId !== oldConnection?.id,
  );
  const oldClosed = server().waitFor('disconnect', (event) => event.connectionId === oldConnection?.id);
  server().reconnect('pingbot', { graceMs: 2_000 }); // RECONNECT; the mock would close the old socket 2 s later
  await rejoined; // a new socket logged in and joined while the old one was still open (make-before-break)
  expect((await oldClosed).reason).toBe('client'); // then the bot closed the old socket itself

  server().chat('test_channel', { login: 'viewer', text: '!ping' });
  const reply = await server().waitFor('privmsg', (event) => event.login === 'pingbot');
  expect(reply.outcome).toBe('delivered');
});
// #endregion tests
