import type { BadgeMap, BaseTwitchMessage, Emote } from './BaseTwitchMessage.js';

/**
 * A private message received from another user (IRC `WHISPER`). Receive-only: sending whispers over IRC ended in
 * 2023 (use the Send Whisper API), and whether Twitch still delivers them over IRC is unverified.
 */
export interface WhisperMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'whisper';
  /** The recipient's login (normally the bot). */
  readonly recipientLogin: string;
  /** The sender's login. */
  readonly userLogin: string;
  /** `user-id`: the sender's user id. `""` when missing. */
  readonly userId: string;
  /** The sender's display name; falls back to the login. */
  readonly displayName: string;
  /** The sender's colour, or `undefined`. */
  readonly color: string | undefined;
  /** The sender's global badges. */
  readonly badges: BadgeMap;
  /** `user-type`. */
  readonly userType: string;
  /** The text, without `/me` framing. */
  readonly text: string;
  /** Whether the whisper was a `/me` message. */
  readonly isAction: boolean;
  /** The emotes in the text, as UTF-16 `[start, end)` ranges. */
  readonly emotes: readonly Emote[];
  /** `message-id`. `""` when missing. */
  readonly messageId: string;
  /** `thread-id`: `<lowUserId>_<highUserId>`. `""` when missing. */
  readonly threadId: string;
}
