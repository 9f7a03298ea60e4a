export { ChatCommandError } from './protocol/errors/ChatCommandError.js';
export { InvalidIrcMessageError } from './protocol/errors/InvalidIrcMessageError.js';
export { InvalidLoginError } from './protocol/errors/InvalidLoginError.js';
export { IrcInjectionError } from './protocol/errors/IrcInjectionError.js';
export { MessageTooLongError } from './protocol/errors/MessageTooLongError.js';
export { DEFAULT_MAX_LINE_LENGTH, IrcLineSplitter } from './protocol/IrcLineSplitter.js';
export type { IrcLineSplitterOptions } from './protocol/IrcLineSplitter.js';
export type { IrcMessage, IrcParseFailure, IrcParseFailureReason, IrcTags } from './protocol/IrcMessage.js';
export { parseIrcMessage } from './protocol/parseIrcMessage.js';
export { serializeIrcMessage } from './protocol/serializeIrcMessage.js';
export type { IrcMessageInit } from './protocol/serializeIrcMessage.js';
export { escapeTagValue, unescapeTagValue } from './protocol/tagEscaping.js';
export {
  buildCapRequest,
  buildJoin,
  buildNick,
  buildPart,
  buildPass,
  buildPing,
  buildPong,
  buildPrivmsg,
  DEFAULT_CAPABILITIES,
} from './twitch/commands.js';
export type { PrivmsgOptions } from './twitch/commands.js';
export { decodeTwitchMessage } from './twitch/decodeTwitchMessage.js';
export type { DecodedTwitchMessage } from './twitch/decodeTwitchMessage.js';
export { MAX_LINE_LENGTH, MAX_MESSAGE_LENGTH } from './twitch/limits.js';
export { isValidLogin, normalizeChannelName } from './twitch/loginNames.js';
export { IrcWsTransport } from './transport/IrcWsTransport.js';
export { DefaultIrcWsTransportOptions } from './transport/IrcWsTransportOptions.js';
export type { IrcWsTransportOptions } from './transport/IrcWsTransportOptions.js';
export { CapabilityRejectedError } from './transport/errors/CapabilityRejectedError.js';
export { EventSinkError } from './transport/errors/EventSinkError.js';
export { LoginTimeoutError } from './transport/errors/LoginTimeoutError.js';
export { MalformedLineError } from './transport/errors/MalformedLineError.js';
export { UnexpectedFrameError } from './transport/errors/UnexpectedFrameError.js';
