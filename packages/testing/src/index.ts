/**
 * `@tio/testing`: a Twitch-faithful mock chat server for testing Twitch bots offline.
 *
 * @packageDocumentation
 */
export { MockTwitchServer } from './MockTwitchServer.js';
export { DefaultAccountLimits, DefaultMockTwitchServerOptions } from './MockTwitchServerOptions.js';
export type {
  AccountLimits,
  BotLevel,
  ChannelState,
  FramingMode,
  LimitsOptions,
  MockAccountOptions,
  MockTwitchServerOptions,
  OverlongMessageMode,
  PrivmsgWithoutJoinMode,
  WindowLimit,
} from './MockTwitchServerOptions.js';
export type {
  ConnectionEvent,
  DisconnectEvent,
  JoinEvent,
  JoinOutcome,
  LineEvent,
  LoginEvent,
  MockTwitchServerEvents,
  PartEvent,
  PrivmsgEvent,
  PrivmsgOutcome,
  Violation,
  ViolationKind,
} from './MockTwitchServerEvents.js';
export type { AccountStats, ConnectionInfo, MockTwitchServerStats } from './MockTwitchServerStats.js';
export type {
  ChatMessageOptions,
  ClearchatOptions,
  ClearmsgOptions,
  EmotePosition,
  InjectedMessage,
  SimulateChatOptions,
  SimulatedChat,
  UsernoticeOptions,
} from './InjectionOptions.js';
export { systemClock } from './Clock.js';
export type { Clock, TimerHandle } from './Clock.js';
export { SlidingWindow } from './SlidingWindow.js';
export { Prng } from './Prng.js';
export {
  escapeTagValue,
  parseIrcLine,
  serializeIrcMessage,
  serializeTags,
  splitFrameLines,
  unescapeTagValue,
} from './protocol/IrcMessage.js';
export type { IrcMessage } from './protocol/IrcMessage.js';
