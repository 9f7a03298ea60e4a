import type {
  ClearChatMessage,
  ClearMsgMessage,
  GlobalUserStateMessage,
  NoticeMessage,
  RoomStateMessage,
  UserNoticeMessage,
  UserStateMessage,
  WhisperMessage,
} from '../messages/index.js';
import type { RateLimitedEvent } from '../ratelimit/AccountRateLimiter.js';
import type { DisconnectReason, JoinFailureReason } from '../transport/Transport.js';
import type { ChatMessageEvent } from './ChatMessageEvent.js';

/**
 * Where an error reported by the `error` event came from.
 *
 * - `listener`: one of your event listeners threw or rejected (`event` names the event).
 * - `shard`: a shard's transport reported a problem it recovered from, or a shard failed (`shardId` set).
 * - `manager`: the shard manager threw (from `assignShard` for an initial channel, `start`, `stop`, …).
 * - `client`: anything else inside the client.
 */
export type ErrorSource = 'listener' | 'shard' | 'manager' | 'client';

/**
 * Context of an `error` event.
 */
export interface ErrorDetails {
  /** Where the error came from. */
  readonly source: ErrorSource;
  /** The shard concerned, if any. */
  readonly shardId?: string;
  /** The event whose listener failed, for `listener` errors. */
  readonly event?: string;
  /** The channel concerned, if any. */
  readonly channel?: string;
}

/**
 * Every event of a `Client`, with its listener arguments. Names are camelCase: a noun for things that arrive from
 * chat (`message`, `notice`), `shard` + past-tense-ish verb for shard lifecycle (`shardReady`), `xFailure` for
 * failures of x (`joinFailure`).
 *
 * Listeners may be async. A listener that throws or rejects produces an `error` event (`source: 'listener'`); it
 * never stops a shard.
 */
export interface ClientEvents {
  /** A chat message (IRC `PRIVMSG`); includes the bot's own messages echoed from its other shards (`message.self`). */
  message: [message: ChatMessageEvent];
  /** A channel event: subscription, raid, announcement, … Narrow on `notice.kind`. */
  usernotice: [notice: UserNoticeMessage, shardId: string];
  /** A chat clear, ban or timeout (IRC `CLEARCHAT`). */
  clearchat: [message: ClearChatMessage, shardId: string];
  /** One message was deleted (IRC `CLEARMSG`). */
  clearmsg: [message: ClearMsgMessage, shardId: string];
  /** A channel's chat settings (IRC `ROOMSTATE`). */
  roomstate: [message: RoomStateMessage, shardId: string];
  /** The bot's own state in a channel (IRC `USERSTATE`). */
  userstate: [message: UserStateMessage, shardId: string];
  /** The bot's global state after login (IRC `GLOBALUSERSTATE`). */
  globaluserstate: [message: GlobalUserStateMessage, shardId: string];
  /** A server notice (IRC `NOTICE`). */
  notice: [message: NoticeMessage, shardId: string];
  /** A whisper received (IRC `WHISPER`). */
  whisper: [message: WhisperMessage, shardId: string];
  /** The server confirmed that the bot joined `channel`. */
  join: [channel: string, shardId: string];
  /** The bot left `channel` (parted, or removed by Twitch). */
  part: [channel: string, shardId: string];
  /** `channel` could not be joined; it was removed from its shard (unless the reason is `stopped`). */
  joinFailure: [channel: string, reason: JoinFailureReason, shardId: string];
  /** A shard's socket opened. */
  shardConnect: [shardId: string];
  /** A shard logged in and is ready. */
  shardReady: [shardId: string];
  /** A shard's connection was lost or closed. */
  shardDisconnect: [shardId: string, reason: DisconnectReason];
  /** A shard starts a reconnect attempt after `delayMs` of backoff. */
  shardReconnect: [shardId: string, attempt: number, delayMs: number];
  /** Every initial shard is ready (or failed) and every initial join has settled. Emitted once per `start()`. */
  ready: [];
  /** An action waits for an account rate limit. */
  rateLimited: [event: RateLimitedEvent];
  /** Something went wrong that did not stop the client. */
  error: [error: Error, details: ErrorDetails];
  /** Every raw line a shard received, before decoding. */
  raw: [line: string, shardId: string];
}

/**
 * The name of a {@link ClientEvents} event.
 */
export type ClientEventName = keyof ClientEvents;
