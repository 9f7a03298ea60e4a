import type { SendFailureReason } from '../transport/Transport.js';
import { TioError } from './TioError.js';

/**
 * Options of {@link SendError}.
 */
export interface SendErrorOptions {
  /** The target channel. */
  readonly channel: string;
  /** The shard that tried to send, when one was chosen. */
  readonly shardId?: string;
  /** Extra detail, such as the text of Twitch's `NOTICE`. */
  readonly detail?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

const NEXT_STEP: Readonly<Record<SendFailureReason, string>> = {
  duplicate: 'Twitch refuses a message identical to your previous one in this channel within 30 s; change the text.',
  rateLimited: 'Twitch says you are sending too fast; lower your rate or check other programs using this account.',
  banned: 'The bot account is banned in this channel.',
  timedOut: 'The bot account is timed out in this channel; wait until the timeout ends.',
  slowMode: 'The channel is in slow mode; wait before sending again, or make the bot a VIP or moderator.',
  followersOnly: 'The channel is in followers-only mode; follow it with the bot account or make the bot a VIP.',
  subsOnly: 'The channel is in subscribers-only mode.',
  emoteOnly: 'The channel is in emote-only mode.',
  suspended: 'The channel is suspended.',
  rejected: 'AutoMod or a channel setting rejected the message.',
  verificationRequired: 'The channel requires a verified phone number or email on the bot account.',
  timeout: 'The message was not written before its deadline, so nothing was sent; raise sendTimeoutMs or check the connection.',
  unconfirmed:
    'The message was written but Twitch did not confirm it; it may have been delivered. Do not resend it blindly (it ' +
    'could post twice): check the chat, or resend only if a duplicate is acceptable.',
  stopped: 'The shard or client stopped before the message was sent.',
  queueFull: 'The send queue is full; send less at once or wait for earlier sends to settle.',
  anonymous: 'The shard is logged in anonymously and cannot send; give the token handler a real account.',
  aborted: 'Your AbortSignal withdrew the message before it was written; nothing was sent.',
  other: 'See the detail and the server notice.',
};

/**
 * A chat message could not be sent. Every `Client.send` promise either resolves with a `SentMessage` or rejects
 * with this error, whose {@link SendError.reason} says why.
 *
 * @example
 * ```ts
 * try { await client.send('channel', 'hello'); } catch (error) {
 *   if (SendError.isInstance(error) && error.reason === 'duplicate') await client.send('channel', 'hello!');
 * }
 * ```
 */
export class SendError extends TioError {
  /** Why the message was not sent. */
  readonly reason: SendFailureReason;
  /** The target channel. */
  readonly channel: string;
  /** The shard that tried to send, when one was chosen. */
  readonly shardId: string | undefined;

  /**
   * Creates the error.
   *
   * @param reason - Why the message was not sent.
   * @param options - The channel, shard and detail.
   */
  constructor(reason: SendFailureReason, options: SendErrorOptions) {
    const shard = options.shardId === undefined ? '' : ` from shard "${options.shardId}"`;
    const detail = options.detail === undefined ? '' : ` (${options.detail})`;
    super(
      'SEND_FAILED',
      `Message to #${options.channel}${shard} ${reason === 'unconfirmed' ? 'was written but not confirmed' : 'was not sent'}: ${reason}${detail}. ${NEXT_STEP[reason] ?? ''}`.trim(),
      { cause: options.cause },
    );
    this.reason = reason;
    this.channel = options.channel;
    this.shardId = options.shardId;
  }
}
