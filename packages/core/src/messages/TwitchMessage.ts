import type {
  CapMessage,
  EndOfNamesMessage,
  HostTargetMessage,
  JoinMessage,
  NamesMessage,
  PartMessage,
  PingMessage,
  PongMessage,
  ReconnectMessage,
  ServerInfoMessage,
  UnknownCommandMessage,
  UnknownMessage,
} from './ConnectionMessages.js';
import type { ClearChatMessage, ClearMsgMessage } from './ModerationMessages.js';
import type { NoticeMessage } from './NoticeMessage.js';
import type { PrivmsgMessage } from './PrivmsgMessage.js';
import type { GlobalUserStateMessage, RoomStateMessage, UserStateMessage } from './StateMessages.js';
import type { UserNoticeMessage } from './UserNoticeMessage.js';
import type { WhisperMessage } from './WhisperMessage.js';

/**
 * Every message Twitch chat sends, decoded, as a union discriminated by `type`.
 *
 * @example
 * ```ts
 * function onMessage(message: TwitchMessage): void {
 *   switch (message.type) {
 *     case 'privmsg':
 *       console.log(`#${message.channel} ${message.displayName}: ${message.text}`);
 *       break;
 *     case 'usernotice':
 *       if (message.kind === 'sub') console.log(`${message.displayName} subscribed`);
 *       break;
 *   }
 * }
 * ```
 */
export type TwitchMessage =
  | PrivmsgMessage
  | UserNoticeMessage
  | ClearChatMessage
  | ClearMsgMessage
  | RoomStateMessage
  | UserStateMessage
  | GlobalUserStateMessage
  | NoticeMessage
  | WhisperMessage
  | JoinMessage
  | PartMessage
  | ReconnectMessage
  | PingMessage
  | PongMessage
  | CapMessage
  | ServerInfoMessage
  | NamesMessage
  | EndOfNamesMessage
  | UnknownCommandMessage
  | HostTargetMessage
  | UnknownMessage;

/** The `type` of a {@link TwitchMessage}. */
export type TwitchMessageType = TwitchMessage['type'];

/**
 * The member of {@link TwitchMessage} with the given `type`.
 *
 * @typeParam Type - A {@link TwitchMessageType}.
 * @example
 * ```ts
 * type Chat = TwitchMessageOfType<'privmsg'>; // PrivmsgMessage
 * ```
 */
export type TwitchMessageOfType<Type extends TwitchMessageType> = Extract<TwitchMessage, Readonly<Record<'type', Type>>>;
