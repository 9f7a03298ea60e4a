import { SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport, type IrcWsTransportOptions } from '@tio/irc-ws';
import { DefaultShardManager } from '@tio/shard-default';
import { MockTwitchServer, type ChatMessageOptions, type InjectedMessage, type PrivmsgEvent } from '@tio/testing';
import { Bot, type BotCommandOptions, type BotEvents, type CommandEvents } from '../../src/index.js';

export const LOGIN = 'tiobot';
export const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123';
export const CHANNEL = 'streamer';
export const OTHER_CHANNEL = 'otherchan';
/** The mock derives room ids from channel names; pinned here so broadcaster tests can use them. */
export const ROOM_IDS = { [CHANNEL]: '1001', [OTHER_CHANNEL]: '1002' } as const;

/** Fast transport settings for loopback. */
const TRANSPORT_OPTIONS = {
  joinTimeoutMs: 2_000,
  sendConfirmationTimeoutMs: 2_000,
  reconnectDelayMs: 50,
  maxReconnectDelayMs: 200,
  closeTimeoutMs: 200,
} as const satisfies IrcWsTransportOptions;

export type TestBot = Bot<typeof IrcWsTransport, typeof DefaultShardManager>;

type Recorded = { readonly [K in keyof CommandEvents]: [K, ...CommandEvents[K]] }[keyof CommandEvents];

export interface Harness {
  readonly server: MockTwitchServer;
  readonly bot: TestBot;
  /** Every command event, in order. */
  readonly events: Recorded[];
  /** Every client `error` event. */
  readonly errors: BotEvents['error'][];
  /** Every PRIVMSG the mock received from the bot. */
  readonly sent: PrivmsgEvent[];
  /**
   * Injects a chat message and waits until the bot has finished with it (one command event), or, for messages that
   * are not commands, until a later marker command has been handled.
   */
  chat(message: ChatMessageOptions, channel?: string): Promise<InjectedMessage>;
  /** Waits for the bot's reply to a message. */
  replyTo(message: InjectedMessage): Promise<PrivmsgEvent>;
  stop(): Promise<void>;
}

/**
 * A mock Twitch server on 127.0.0.1 (port 0) and a Bot connected to it with the real WebSocket transport. The bot
 * account moderates both channels, so Twitch's duplicate filter and 1 s channel spacing do not apply to it
 * (twitch-protocol.md §4.1–4.2), and replies go out at once.
 */
export async function startHarness(options: BotCommandOptions = {}): Promise<Harness> {
  const server = new MockTwitchServer({
    accounts: [{ login: LOGIN, token: TOKEN, moderatorIn: [CHANNEL, OTHER_CHANNEL] }],
    channels: { [CHANNEL]: { roomId: ROOM_IDS[CHANNEL] }, [OTHER_CHANNEL]: { roomId: ROOM_IDS[OTHER_CHANNEL] } },
    pingIntervalMs: 0,
  });
  await server.start();
  const sent: PrivmsgEvent[] = [];
  server.on('privmsg', (event) => sent.push(event));
  const bot = new Bot({
    tokenHandler: new SimpleTokenHandler({ login: LOGIN, token: TOKEN }),
    transport: IrcWsTransport,
    transportOptions: { url: server.url, ...TRANSPORT_OPTIONS },
    shardManager: DefaultShardManager,
    initialChannels: [CHANNEL, OTHER_CHANNEL],
    ...options,
  });
  const events: Recorded[] = [];
  const errors: BotEvents['error'][] = [];
  bot.on('commandRun', (...args) => void events.push(['commandRun', ...args]));
  bot.on('commandDenied', (...args) => void events.push(['commandDenied', ...args]));
  bot.on('commandError', (...args) => void events.push(['commandError', ...args]));
  bot.on('error', (...args) => void errors.push(args));
  await bot.start();

  const settled = (): Promise<unknown> =>
    Promise.race([bot.waitFor('commandRun'), bot.waitFor('commandDenied'), bot.waitFor('commandError')]);

  return {
    server,
    bot,
    events,
    errors,
    sent,
    async chat(message, channel = CHANNEL) {
      const done = settled();
      const injected = server.chat(channel, message);
      await withTimeout(done, `the bot to handle "${message.text}"`);
      return injected;
    },
    replyTo(message) {
      const found = sent.find((event) => event.clientTags['reply-parent-msg-id'] === message.id);
      if (found !== undefined) return Promise.resolve(found);
      return server.waitFor('privmsg', (event) => event.clientTags['reply-parent-msg-id'] === message.id, { timeoutMs: 5_000 });
    },
    async stop() {
      await bot.stop();
      await server.stop();
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
