// Errors
export { TioError } from './errors/TioError.js';
export type { TioErrorOptions } from './errors/TioError.js';
export { AuthenticationError } from './errors/AuthenticationError.js';
export type { AuthenticationErrorOptions } from './errors/AuthenticationError.js';
export { ClientStateError } from './errors/ClientStateError.js';
export { ContractVersionError } from './errors/ContractVersionError.js';
export { DuplicateShardError } from './errors/DuplicateShardError.js';
export { InvalidChannelError } from './errors/InvalidChannelError.js';
export { InvalidMessageError } from './errors/InvalidMessageError.js';
export type { InvalidMessageProblem } from './errors/InvalidMessageError.js';
export { InvalidOptionError } from './errors/InvalidOptionError.js';
export type { InvalidOptionErrorOptions } from './errors/InvalidOptionError.js';
export { MissingShardManagerError } from './errors/MissingShardManagerError.js';
export { NoSenderShardError } from './errors/NoSenderShardError.js';
export { SendError } from './errors/SendError.js';
export type { SendErrorOptions } from './errors/SendError.js';
export { ShardAssignmentError } from './errors/ShardAssignmentError.js';
export type { ShardAssignmentErrorOptions } from './errors/ShardAssignmentError.js';
export { ShardCapacityError } from './errors/ShardCapacityError.js';
export type { ShardCapacityErrorOptions } from './errors/ShardCapacityError.js';
export { ShardStartError } from './errors/ShardStartError.js';
export { StoppedError } from './errors/StoppedError.js';
export { TimeoutError } from './errors/TimeoutError.js';
export { TokenHandlerError } from './errors/TokenHandlerError.js';
export type { TokenHandlerMethod } from './errors/TokenHandlerError.js';

// Client
export { Client } from './client/Client.js';
export type { ChannelJoinResult, ClientState, JoinOptions, SendOptions } from './client/Client.js';
export { DefaultClientOptions } from './client/ClientOptions.js';
export type {
  BaseClientOptions,
  ClientOptions,
  DefaultShardManagerClass,
  InitialChannels,
  TransportOptionsField,
  TransportOptionsOf,
} from './client/ClientOptions.js';
export type { ClientEventName, ClientEvents, ErrorDetails, ErrorSource } from './client/ClientEvents.js';
export type { ChatMessageEvent, ReplyOptions } from './client/ChatMessageEvent.js';

// Sharding
export { BaseShardManager, SHARD_MANAGER_CONTRACT_VERSION } from './sharding/BaseShardManager.js';
export { leastLoadedShard, planShardSlices } from './sharding/placement.js';
export type { ShardCapacity } from './sharding/placement.js';
export type {
  AddShardOptions,
  AssignShardOptions,
  ShardManagerClass,
  ShardManagerContext,
  ShardManagerOptionsOf,
} from './sharding/BaseShardManager.js';
export { Shard } from './sharding/Shard.js';
export type { ShardStartOptions } from './sharding/Shard.js';
export { AsyncMutex } from './sharding/AsyncMutex.js';
export { defineOptionKeys } from './sharding/defineOptionKeys.js';

// Transport contract
export { TRANSPORT_CONTRACT_VERSION } from './transport/Transport.js';
export type {
  DisconnectReason,
  JoinFailureReason,
  JoinResult,
  SendFailureReason,
  SendRequest,
  SentMessage,
  ShardStatus,
  Transport,
  TransportConnection,
  TransportContext,
  TransportEventSink,
} from './transport/Transport.js';

// Authentication
export { SecretToken } from './auth/IrcCredentials.js';
export type { IrcCredentials } from './auth/IrcCredentials.js';
export { BaseTokenHandler } from './auth/BaseTokenHandler.js';
export { SimpleTokenHandler } from './auth/SimpleTokenHandler.js';
export type { SimpleTokenAccount, SimpleTokenHandlerOptions } from './auth/SimpleTokenHandler.js';
export { AnonymousTokenHandler, createAnonymousCredentials } from './auth/AnonymousTokenHandler.js';

// Rate limiting
export type { AccountLimiter, ChannelRole, ChannelRoleOptions, RoomReservation } from './ratelimit/AccountLimiter.js';
export { AccountRateLimiter } from './ratelimit/AccountRateLimiter.js';
export type { AccountRateLimiterOptions, RateLimitBucket, RateLimitedEvent } from './ratelimit/AccountRateLimiter.js';
export { AccountLimiterRegistry } from './ratelimit/AccountLimiterRegistry.js';
export type { AccountLimiterRegistryOptions } from './ratelimit/AccountLimiterRegistry.js';
export { AnonymousRateLimits, mergeRateLimits, RateLimitPresets } from './ratelimit/RateLimits.js';
export type { BotLevel, RateLimitOverrides, RateLimits, RateLimitWindow } from './ratelimit/RateLimits.js';

// Events
export { TypedEventEmitter } from './events/TypedEventEmitter.js';
export type { EventListener, EventMap, TypedEventEmitterOptions, WaitForOptions } from './events/TypedEventEmitter.js';

// Validation
export { normalizeChannelName, normalizeChannelNames } from './validation/normalizeChannelName.js';
export { MAX_MESSAGE_LENGTH, validateMessageText } from './validation/validateMessageText.js';
export type { ValidateMessageTextOptions } from './validation/validateMessageText.js';

// Time and logging
export { systemClock } from './time/Clock.js';
export type { Clock, TimerHandle } from './time/Clock.js';
export { silentLogger } from './logging/Logger.js';
export type { LogFields, Logger } from './logging/Logger.js';

// Twitch message model (./messages, owned by the wire layer)
export type * from './messages/index.js';
