// The README's example, kept runnable: only the import lines differ (the README imports '@tio/testing').
import { expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useMockTwitchServer } from '../src/vitest/index.js';

// The bot under test: answers "!ping" with "pong". Yours would be your real bot, pointed at server().url.
function startBot(url: string): WebSocket {
  const socket = new WebSocket(url);
  socket.on('open', () => socket.send('CAP REQ :twitch.tv/tags twitch.tv/commands\r\nPASS oauth:secret\r\nNICK mybot\r\nJOIN #mychannel'));
  socket.on('message', (data) => {
    for (const line of data.toString().split('\r\n')) {
      if (line.startsWith('PING')) socket.send('PONG :tmi.twitch.tv');
      if (line.includes(' PRIVMSG #mychannel :!ping')) socket.send('PRIVMSG #mychannel :pong');
    }
  });
  return socket;
}

const server = useMockTwitchServer({ accounts: [{ login: 'mybot', token: 'secret' }] });

it('answers !ping with pong, within Twitch limits', async () => {
  const bot = startBot(server().url);
  await server().waitFor('join', (event) => event.login === 'mybot' && event.channel === 'mychannel');

  server().chat('mychannel', { login: 'viewer', text: '!ping' });
  const reply = await server().waitFor('privmsg', (event) => event.login === 'mybot');

  expect(reply).toMatchObject({ text: 'pong', outcome: 'delivered' });
  expect(server().violations()).toEqual([]);
  bot.close();
});
