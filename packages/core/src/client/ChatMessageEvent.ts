import { inspectSymbol } from '../internal/Deferred.js';
import type { PrivmsgMessage, ReplyInfo } from '../messages/index.js';
import type { SentMessage } from '../transport/Transport.js';

/**
 * Options of {@link ChatMessageEvent.reply}.
 */
export interface ReplyOptions {
  /** Send the reply as this login. @defaultValue the login of the shard that received the message */
  readonly as?: string;
  /** Aborting it withdraws the reply if it has not been sent yet. */
  readonly signal?: AbortSignal;
  /** Per-message deadline in milliseconds. @defaultValue the client's `sendTimeoutMs` */
  readonly timeoutMs?: number;
}

/**
 * The payload of the `message` event: every field of the decoded {@link PrivmsgMessage}, plus which shard received
 * it, whether the bot itself sent it, and `reply()`.
 *
 * The decoded message's own `reply` field (what the message replies to) is available as
 * {@link ChatMessageEvent.replyParent}, because `reply` is the method that answers the message. The untouched decoded
 * object is {@link ChatMessageEvent.decoded}.
 *
 * @example
 * ```ts
 * client.on('message', async (message) => {
 *   if (!message.self && message.text === '!ping') await message.reply('pong');
 * });
 * ```
 */
export interface ChatMessageEvent extends Omit<PrivmsgMessage, 'reply' | 'raw'> {
  /** The line as received, when the transport keeps it. */
  readonly raw: string | undefined;
  /** The decoded message as the transport delivered it. */
  readonly decoded: PrivmsgMessage;
  /** The id of the shard that received the message. */
  readonly shardId: string;
  /**
   * `true` when one of this client's own accounts sent the message (Twitch echoes a message to the other connections
   * of the same account, `twitch-protocol.md` §5.11). Echoes are delivered, not dropped; filter on this flag.
   */
  readonly self: boolean;
  /** What this message replies to (the decoded `reply` field), or `undefined` when it is not a reply. */
  readonly replyParent: ReplyInfo | undefined;
  /**
   * Replies to this message in its channel (a threaded reply, `reply-parent-msg-id`), through the shard manager's
   * `getSenderShard`.
   *
   * @param text - The reply text (validated like `Client.send`).
   * @param options - Which login to reply as, a signal and a deadline.
   * @returns The sent message.
   * @throws `SendError`, `InvalidMessageError` or `NoSenderShardError`, like `Client.send`.
   */
  reply(text: string, options?: ReplyOptions): Promise<SentMessage>;
}

/** Fields read straight from the decoded message (everything but `reply`, renamed, and `raw`). */
const FORWARDED = [
  'type', 'channel', 'channelId', 'id', 'text', 'isAction', 'emotes', 'sentAt', 'bits', 'isFirstMessage',
  'isReturningChatter', 'isEmoteOnly', 'clientNonce', 'customRewardId', 'messageId', 'flags', 'sharedChat',
  'paidPinnedChat', 'userId', 'userLogin', 'displayName', 'color', 'badges', 'badgeInfo', 'userType', 'isModerator',
  'isBroadcaster', 'isSubscriber', 'isVip',
] as const satisfies ReadonlyArray<keyof PrivmsgMessage>;

// Compile-time guard: a field added to PrivmsgMessage must be forwarded here too.
type Unforwarded = Exclude<keyof PrivmsgMessage, (typeof FORWARDED)[number] | 'reply' | 'raw'>;
const everyFieldForwarded: [Unforwarded] extends [never] ? true : Unforwarded = true;
void everyFieldForwarded;

type Reply = (text: string, options?: ReplyOptions) => Promise<SentMessage>;

/**
 * The `message` event object: reads fields from the decoded message on access (so a decoder's lazy getters and
 * frozen objects keep working), without copying it.
 *
 * @internal
 */
class IncomingChatMessage {
  readonly decoded: PrivmsgMessage;
  readonly shardId: string;
  readonly self: boolean;
  readonly #reply: Reply;

  constructor(decoded: PrivmsgMessage, shardId: string, self: boolean, reply: Reply) {
    this.decoded = decoded;
    this.shardId = shardId;
    this.self = self;
    this.#reply = reply;
  }

  get raw(): string | undefined {
    return this.decoded.raw;
  }

  get replyParent(): ReplyInfo | undefined {
    return this.decoded.reply;
  }

  reply(text: string, options?: ReplyOptions): Promise<SentMessage> {
    return this.#reply(text, options);
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    for (const key of FORWARDED) json[key] = this.decoded[key];
    json['replyParent'] = this.decoded.reply;
    json['shardId'] = this.shardId;
    json['self'] = this.self;
    return json;
  }

  [inspectSymbol](): string {
    return `ChatMessageEvent { shardId: '${this.shardId}', channel: '${this.decoded.channel}', user: '${this.decoded.userLogin}', self: ${this.self}, text: ${JSON.stringify(this.decoded.text)} }`;
  }
}

interface IncomingChatMessage extends Omit<PrivmsgMessage, 'reply' | 'raw'> {}

for (const key of FORWARDED) {
  Object.defineProperty(IncomingChatMessage.prototype, key, {
    get(this: IncomingChatMessage) {
      return this.decoded[key];
    },
    enumerable: true,
    configurable: true,
  });
}

/**
 * Builds the `message` event object.
 *
 * @param decoded - The decoded message.
 * @param shardId - The shard that received it.
 * @param self - Whether one of the client's accounts sent it.
 * @param reply - Sends a reply.
 * @returns The event object.
 * @internal
 */
export function createChatMessageEvent(decoded: PrivmsgMessage, shardId: string, self: boolean, reply: Reply): ChatMessageEvent {
  return new IncomingChatMessage(decoded, shardId, self, reply);
}
