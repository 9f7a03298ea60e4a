/**
 * The same bot on real Twitch. Set three environment variables first:
 *
 * - `TWITCH_LOGIN`: the bot account's login;
 * - `TWITCH_TOKEN`: a user access token of that account with the `chat:read` and `chat:edit` scopes;
 * - `TWITCH_CHANNEL`: a channel to join, such as your own.
 *
 * Stop it with Ctrl-C.
 */
import { Client, SendError, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';

const { TWITCH_LOGIN: login, TWITCH_TOKEN: token, TWITCH_CHANNEL: channel } = process.env;
if (login === undefined || token === undefined || channel === undefined) {
  console.error('Set TWITCH_LOGIN, TWITCH_TOKEN and TWITCH_CHANNEL first.');
  process.exit(1);
}

// #region client
const client = new Client({
  tokenHandler: new SimpleTokenHandler({ login, token }), // the token may carry the "oauth:" prefix or not
  transport: IrcWsTransport, // connects to wss://irc-ws.chat.twitch.tv:443 by default
  initialChannels: [channel],
});
// #endregion client

client.on('message', async (message) => {
  if (message.self || message.text !== '!ping') return;
  try {
    await message.reply('pong');
  } catch (error) {
    // A send either resolves or rejects with SendError saying why (slow mode, duplicate, banned, …).
    if (SendError.isInstance(error)) console.warn(`no pong: ${error.reason}`);
    else throw error;
  }
});
client.on('ready', () => console.log(`joined #${channel}; type !ping there`));
client.on('error', (error, details) => console.error(`[${details.source}] ${error.message}`));

// #region lifecycle
process.once('SIGINT', () => void client.stop());
await client.start();
// #endregion lifecycle
