import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';

/**
 * The committed list of runtime exports. A change here is an API change: review it, and add a changeset.
 * (Type-only exports are checked by the type tests and the build.)
 */
const EXPECTED = [
  'AccountLimiterRegistry',
  'AccountRateLimiter',
  'AnonymousRateLimits',
  'AnonymousTokenHandler',
  'AsyncMutex',
  'AuthenticationError',
  'BaseShardManager',
  'BaseTokenHandler',
  'Client',
  'ClientStateError',
  'ContractVersionError',
  'DefaultClientOptions',
  'DuplicateShardError',
  'InvalidChannelError',
  'InvalidMessageError',
  'InvalidOptionError',
  'MAX_MESSAGE_LENGTH',
  'MissingShardManagerError',
  'NoSenderShardError',
  'RateLimitPresets',
  'SHARD_MANAGER_CONTRACT_VERSION',
  'SecretToken',
  'SendError',
  'Shard',
  'ShardAssignmentError',
  'ShardCapacityError',
  'ShardStartError',
  'SimpleTokenHandler',
  'StoppedError',
  'TRANSPORT_CONTRACT_VERSION',
  'TimeoutError',
  'TioError',
  'TokenHandlerError',
  'TypedEventEmitter',
  'createAnonymousCredentials',
  'defineOptionKeys',
  'leastLoadedShard',
  'mergeRateLimits',
  'normalizeChannelName',
  'normalizeChannelNames',
  'planShardSlices',
  'silentLogger',
  'systemClock',
  'validateMessageText',
];

describe('@tio/core exports', () => {
  it('match the committed list', () => {
    expect(Object.keys(core).sort()).toEqual([...EXPECTED].sort());
  });

  it('every error class extends TioError with a stable code', () => {
    const errors = Object.entries(core).filter(([name]) => name.endsWith('Error') && name !== 'TioError');
    expect(errors.length).toBeGreaterThanOrEqual(12);
    for (const [, value] of errors) expect((value as { prototype: unknown }).prototype).toBeInstanceOf(core.TioError);
  });

  it('the defaults are frozen-shaped constants with the documented values', () => {
    expect(core.DefaultClientOptions.sendTimeoutMs).toBe(30_000);
    expect(core.DefaultClientOptions.botLevel).toBe('regular');
    expect(core.DefaultClientOptions.defaultShardManagerSpecifier).toBe('@tio/shard-default');
    expect(core.SHARD_MANAGER_CONTRACT_VERSION).toBe('tio.shard-manager.v1');
    expect(core.BaseShardManager.contractVersion).toBe('tio.shard-manager.v1');
  });
});
