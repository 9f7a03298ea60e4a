import { RateLimitPresets } from '@tio/core';
import { createBot } from '../bot/createBot.js';
import { runSession } from '../bot/runSession.js';
import type { ScreenOutput } from '../ui/Screen.js';
import { bold, dim, type SessionSummary } from '../ui/render.js';

/** Options of {@link runTwitch}: the `TWITCH_*` environment variables. */
export interface TwitchOptions {
  readonly login: string;
  /** A user access token with the `chat:read` and `chat:edit` scopes, with or without `oauth:`. */
  readonly token: string;
  readonly channels: readonly string[];
  readonly output?: ScreenOutput;
  readonly signal?: AbortSignal;
}

/**
 * Runs the same bot against real Twitch chat (`wss://irc-ws.chat.twitch.tv:443`) with Twitch's real limits.
 *
 * @param options - Credentials, channels, output and stop signal.
 * @returns The summary once the bot has stopped.
 * @throws `AuthenticationError` (from `@tio/core`) when Twitch refuses the token.
 */
export async function runTwitch(options: TwitchOptions): Promise<SessionSummary> {
  const login = options.login.toLowerCase();
  const token = options.token.replace(/^oauth:/, '');
  const { bot, stats } = createBot({ login, token, channels: options.channels });
  const { join, concurrentRooms } = RateLimitPresets.regular;
  const header = [
    bold(`tio example bot · real Twitch as ${login} · ${options.channels.length} channels`),
    `JOIN budget: ${join.limit} per ${join.windowMs / 1000} s (regular account, per account across all shards)`,
    `room cap: at most ${concurrentRooms} rooms where ${login} is not moderator or broadcaster; joins past it fail with concurrentRoomCap`,
    dim('the bot answers !ping, !shards and !uptime'),
  ];
  return runSession({
    bot,
    stats,
    output: options.output ?? process.stdout,
    header,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
