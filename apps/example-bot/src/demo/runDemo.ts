import { MockTwitchServer, type PrivmsgEvent, type Violation } from '@tio/testing';
import { createBot } from '../bot/createBot.js';
import { runSession } from '../bot/runSession.js';
import type { ScreenOutput } from '../ui/Screen.js';
import { bold, dim, type SessionSummary } from '../ui/render.js';
import { DEMO_RATE_LIMITS, DEMO_SERVER_OPTIONS, DEMO_TIME_SCALE, ROOM_CAP } from './demoLimits.js';
import { startViewers } from './viewers.js';

const LOGIN = 'tio_demo_bot';
const TOKEN = 'demotoken0123456789abcdefghij';

/** Options of {@link runDemo}; the `DEMO_*` environment variables map onto them. */
export interface DemoOptions {
  /** How many channels to join. @defaultValue 300 */
  readonly channels?: number;
  /** Stop by itself after this many milliseconds; without it, only `signal` stops the demo. */
  readonly durationMs?: number;
  /** Simulated chat messages per second over all channels. @defaultValue 200 */
  readonly rate?: number;
  /** Time between two commands typed by simulated viewers, in ms. @defaultValue 1_500 */
  readonly commandIntervalMs?: number;
  /** Where the UI goes. @defaultValue `process.stdout` */
  readonly output?: ScreenOutput;
  /** Aborting it stops the demo gracefully (Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** The session summary, plus what the mock server saw. */
export interface DemoSummary extends SessionSummary {
  /** Every PRIVMSG the mock received from the bot, with its outcome. */
  readonly botMessages: readonly PrivmsgEvent[];
  readonly violationList: readonly Violation[];
  /** Rooms where the bot is a regular user (counted by the 100-room cap) and where it is moderator. */
  readonly regularRooms: number;
  readonly moderatedRooms: number;
}

/**
 * Runs the demo: a `MockTwitchServer` on 127.0.0.1 with simulated chat, and the example bot joining every channel
 * within the account's (scaled) JOIN budget, shown live until `durationMs` passes or `signal` aborts.
 *
 * @param options - Channel count, duration, chat rate, output and stop signal.
 * @returns The summary, once the bot and the server have stopped.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const count = options.channels ?? 300;
  const rate = options.rate ?? 200;
  const channels = Array.from({ length: count }, (_, index) => `demo_channel_${String(index + 1).padStart(3, '0')}`);
  // Twitch's room cap (§4.3): the first 100 rooms as a regular user; past them the bot must be moderator.
  const regular = channels.slice(0, ROOM_CAP);
  const moderated = channels.slice(ROOM_CAP);

  const server = new MockTwitchServer({ ...DEMO_SERVER_OPTIONS, accounts: [{ login: LOGIN, token: TOKEN, moderatorIn: moderated }] });
  await server.start();
  const botMessages: PrivmsgEvent[] = [];
  server.on('privmsg', (event) => {
    if (event.login === LOGIN) botMessages.push(event);
  });
  const chat = server.simulateChat({ channels, messagesPerSecond: rate, seed: 7 });

  const { bot, stats } = createBot({
    login: LOGIN,
    token: TOKEN,
    channels,
    url: server.url,
    rateLimits: DEMO_RATE_LIMITS,
    moderatedChannels: moderated,
  });
  const joined: string[] = [];
  bot.on('join', (channel) => void joined.push(channel));
  const stopViewers = startViewers(server, () => joined, options.commandIntervalMs ?? 1_500);

  const speedUp = Math.round(1 / DEMO_TIME_SCALE);
  const { join } = DEMO_RATE_LIMITS;
  const header = [
    bold(`tio example bot · demo on a mock Twitch server at ${server.url} (in-process, no network)`),
    `${count} channels · ${rate} simulated chat messages/s · viewers type !ping, !shards and !uptime`,
    `time runs ×${speedUp}: Twitch's budget of ${join.limit} JOINs and ${join.limit} logins per 10 s is ` +
      `${join.limit} per ${join.windowMs / 1000} s here, on the mock and in the client alike`,
    `room cap: ${regular.length} rooms as a regular user (Twitch allows ${ROOM_CAP} per account)` +
      (moderated.length > 0 ? ` + ${moderated.length} rooms where the bot is moderator (not counted)` : ''),
    dim('real Twitch instead: set TWITCH_LOGIN, TWITCH_TOKEN and TWITCH_CHANNELS (see apps/example-bot/README.md)'),
  ];
  try {
    const summary = await runSession({
      bot,
      stats,
      output: options.output ?? process.stdout,
      header,
      ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      violations: () => server.violations().length,
      beforeStop: async () => {
        stopViewers();
        chat.stop();
        // A graceful stop: no new commands, and a moment for replies already on their way (milliseconds on loopback).
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
    });
    return { ...summary, botMessages, violationList: server.violations(), regularRooms: regular.length, moderatedRooms: moderated.length };
  } finally {
    stopViewers();
    chat.stop();
    await bot.stop();
    await server.stop();
  }
}
