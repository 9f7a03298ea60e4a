import type { RateLimitOverrides } from '@tio/core';
import type { MockTwitchServerOptions } from '@tio/testing';

/**
 * How much faster time runs in the demo: every rate-limit window is a tenth of Twitch's, on the mock and in the
 * client alike, so 300 JOINs at Twitch's 20 per 10 s (twitch-protocol.md §4.4) take about 16 s instead of 150 s.
 * Only the windows shrink; the counts stay Twitch's.
 */
export const DEMO_TIME_SCALE = 0.1;

const scaled = (windowMs: number): number => windowMs * DEMO_TIME_SCALE;

/**
 * The client's limits in the demo: Twitch's regular-account numbers (§4.1, §4.4) with scaled windows.
 * The safety margin is wider than the default 2 %: the mock runs on the bot's own event loop, so it may read a JOIN
 * some milliseconds after the client sent it, and 10 % of a 1 s window (100 ms) absorbs that.
 */
export const DEMO_RATE_LIMITS = {
  login: { limit: 20, windowMs: scaled(10_000) },
  join: { limit: 20, windowMs: scaled(10_000) },
  messageUser: { limit: 20, windowMs: scaled(30_000) },
  messageModerator: { limit: 100, windowMs: scaled(30_000) },
  messagePerChannel: { limit: 1, windowMs: scaled(1_000) },
  safetyMargin: 0.1,
} as const satisfies RateLimitOverrides;

/**
 * The mock's side: `timeScale` scales each of its default windows (login, JOIN, the message buckets, the per-channel
 * spacing and the duplicate filter) by the same factor; the 1-hour silent-drop penalty of §4.1 is scaled by hand.
 */
export const DEMO_SERVER_OPTIONS = {
  timeScale: DEMO_TIME_SCALE,
  limits: { privmsgPenaltyMs: scaled(3_600_000) },
} as const satisfies MockTwitchServerOptions;

/** Twitch's cap on rooms where an account is neither broadcaster nor moderator (§4.3). */
export const ROOM_CAP = 100;
