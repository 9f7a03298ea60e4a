/**
 * One emote occurrence: an emote id and an inclusive range of code-point indices in the message text
 * (twitch-protocol.md §3.3).
 */
export interface EmotePosition {
  /** The emote id (`25`, `emotesv2_…`). */
  readonly id: string;
  /** Index of the first code point. */
  readonly start: number;
  /** Index of the last code point (inclusive). */
  readonly end: number;
}

/**
 * A chat message injected with {@link MockTwitchServer.chat}.
 */
export interface ChatMessageOptions {
  /** The sender's lowercase login. */
  readonly login: string;
  /** The message text (without `\x01ACTION` framing; set `action` for `/me`). */
  readonly text: string;
  /** @defaultValue the login */
  readonly displayName?: string;
  /** @defaultValue a stable number derived from the login */
  readonly userId?: string;
  /** @defaultValue `''` */
  readonly color?: string;
  /** The `badges` tag, e.g. `'moderator/1,subscriber/12'`. @defaultValue `''` */
  readonly badges?: string;
  /** The `badge-info` tag, e.g. `'subscriber/14'`. @defaultValue `''` */
  readonly badgeInfo?: string;
  /** Emotes, as the wire string (`'25:0-4'`) or as positions. @defaultValue none */
  readonly emotes?: string | readonly EmotePosition[];
  /** Send as a `/me` action (`\x01ACTION …\x01`). @defaultValue `false` */
  readonly action?: boolean;
  /** Id of the message this one replies to; the reply-parent tags are filled from it when the mock knows it. */
  readonly replyTo?: string;
  /** The message id. @defaultValue a random UUID */
  readonly id?: string;
  /** Extra or overriding tags (e.g. `bits`, `first-msg`, `source-id`). */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A USERNOTICE injected with {@link MockTwitchServer.usernotice}.
 */
export interface UsernoticeOptions {
  /** The `msg-id` (`sub`, `resub`, `subgift`, `raid`, `announcement`, …). */
  readonly msgId: string;
  /** The login of the user the notice is about. */
  readonly login: string;
  /** The user's shared message, if any. */
  readonly text?: string;
  /** The `system-msg` tag. @defaultValue a short text built from the msg-id */
  readonly systemMessage?: string;
  /** `msg-param-*` tags, keyed without the `msg-param-` prefix (`{ 'cumulative-months': '6' }`). */
  readonly params?: Readonly<Record<string, string>>;
  /** @defaultValue the login */
  readonly displayName?: string;
  /** @defaultValue a stable number derived from the login */
  readonly userId?: string;
  /** @defaultValue `''` */
  readonly badges?: string;
  /** @defaultValue `''` */
  readonly badgeInfo?: string;
  /** @defaultValue `''` */
  readonly color?: string;
  /** @defaultValue a random UUID */
  readonly id?: string;
  /** Extra or overriding tags. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A CLEARCHAT injected with {@link MockTwitchServer.clearchat}: a timeout (with `durationSeconds`), a ban (a login
 * without duration) or a whole-chat clear (no login).
 */
export interface ClearchatOptions {
  /** The user timed out or banned; omit to clear the whole chat. */
  readonly login?: string;
  /** @defaultValue a stable number derived from the login */
  readonly userId?: string;
  /** Timeout length in seconds; omit for a permanent ban. */
  readonly durationSeconds?: number;
}

/**
 * A CLEARMSG injected with {@link MockTwitchServer.clearmsg}.
 */
export interface ClearmsgOptions {
  /** The author's login. */
  readonly login: string;
  /** The deleted message's text. */
  readonly text: string;
  /** The deleted message's id. */
  readonly targetMessageId: string;
}

/**
 * A message the mock delivered.
 */
export interface InjectedMessage {
  /** The `id` tag. */
  readonly id: string;
  /** The full line as written to clients with the tags capability. */
  readonly line: string;
  /** How many connections it was written to. */
  readonly deliveredTo: number;
}

/**
 * Options of {@link MockTwitchServer.simulateChat}.
 */
export interface SimulateChatOptions {
  /** Channels (logins, without `#`) to chat in, round-robin weighted at random. */
  readonly channels: readonly string[];
  /** Average messages per second over all channels. */
  readonly messagesPerSecond: number;
  /** How long to run, in milliseconds; omit to run until `stop()`. */
  readonly durationMs?: number;
  /** PRNG seed; the same seed gives the same messages. @defaultValue 1 */
  readonly seed?: number;
  /** How many distinct chatters to draw from. @defaultValue 50 */
  readonly chatters?: number;
}

/**
 * A running chat simulation.
 */
export interface SimulatedChat {
  /** Stops generating; `done` then resolves. Idempotent. */
  stop(): void;
  /** Resolves with the number of messages sent once the duration elapsed, `stop()` was called or the server stopped. */
  readonly done: Promise<number>;
}
