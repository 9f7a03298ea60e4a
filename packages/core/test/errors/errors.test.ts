import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ContractVersionError,
  DuplicateShardError,
  InvalidOptionError,
  MissingShardManagerError,
  NoSenderShardError,
  SendError,
  type SendFailureReason,
  ShardAssignmentError,
  ShardCapacityError,
  ShardStartError,
  TioError,
} from '../../src/index.js';

describe('errors', () => {
  it('carry stable codes, class names and isInstance across copies', () => {
    const cases: Array<[TioError, string]> = [
      [new AuthenticationError({ login: 'bot', shardId: 's' }), 'AUTHENTICATION_FAILED'],
      [new ShardCapacityError({ channel: 'c', channelsPerShard: 25, maxShardCount: 5 }), 'SHARD_CAPACITY'],
      [new SendError('duplicate', { channel: 'c' }), 'SEND_FAILED'],
      [new DuplicateShardError('x'), 'DUPLICATE_SHARD'],
      [new ContractVersionError('transport', 'T', 'tio.transport.v1', undefined), 'CONTRACT_VERSION'],
      [new MissingShardManagerError('@tio/shard-default'), 'MISSING_SHARD_MANAGER'],
      [new NoSenderShardError('c', 'bot'), 'NO_SENDER_SHARD'],
      [InvalidOptionError.unknownKeys('Client', ['x'], ['y']), 'INVALID_OPTION'],
      [new ShardAssignmentError({ manager: 'M', channel: 'c', detail: 'd', nextStep: 'n' }), 'SHARD_ASSIGNMENT'],
      [new ShardStartError('s'), 'SHARD_START'],
    ];
    for (const [error, code] of cases) {
      expect(error.code).toBe(code);
      expect(error.name).toBe(error.constructor.name);
      expect(TioError.isInstance(error)).toBe(true);
    }
    expect(ShardCapacityError.isInstance(new SendError('other', { channel: 'c' }))).toBe(false);
    // A plain object with the global marker passes, as an error from another copy of @tio/core would.
    const foreign = { [Symbol.for('tio.error.SendError')]: true };
    expect(SendError.isInstance(foreign)).toBe(true);
  });

  it('state the limit, the value and the next step', () => {
    expect(new ShardCapacityError({ channel: 'c', channelsPerShard: 25, maxShardCount: 5 }).message).toBe(
      'Cannot place channel "c": channelsPerShard is 25 and maxShardCount is 5, so at most 125 channels fit. ' +
        'Raise channelsPerShard or maxShardCount, or part channels you no longer need.',
    );
    expect(new SendError('duplicate', { channel: 'c', shardId: 'main' }).message).toMatch(/#c from shard "main" was not sent: duplicate\. .*30 s/);
    expect(InvalidOptionError.badValue('Client', 'sendTimeoutMs', -1, 'a number > 0').message).toBe(
      'Client option "sendTimeoutMs" is -1, but it must be a number > 0. Change the value.',
    );
    expect(InvalidOptionError.badValue('X', 'token', 'secret-value', 'y').message).not.toContain('secret-value');
  });

  it('gives every SendFailureReason, including aborted, a next step', () => {
    const reasons: readonly SendFailureReason[] = [
      'duplicate', 'rateLimited', 'banned', 'timedOut', 'slowMode', 'followersOnly', 'subsOnly', 'emoteOnly', 'suspended',
      'rejected', 'verificationRequired', 'timeout', 'stopped', 'queueFull', 'anonymous', 'aborted', 'other',
    ];
    for (const reason of reasons) {
      const error = new SendError(reason, { channel: 'c' });
      expect(error.reason).toBe(reason);
      expect(error.message).toMatch(new RegExp(`was not sent: ${reason}\\. \\S`));
    }
    expect(new SendError('aborted', { channel: 'c' }).message).toContain('AbortSignal withdrew the message');
    const unconfirmed = new SendError('unconfirmed', { channel: 'c' });
    expect(unconfirmed.message).toMatch(/was written but not confirmed: unconfirmed\. .*may have been delivered\. Do not resend it blindly/);
    expect(new SendError('timeout', { channel: 'c' }).message).toContain('nothing was sent');
  });

  // Found by the reliability suite (tests/reliability, scenario 8): a login with CR/LF, echoed raw into a message,
  // forged a second line in the bot's log.
  it('quote the logins and shard ids they name, so a CR, LF or NUL in one cannot forge a log line', () => {
    const forged = 'bot\r\nINFO all good\u0000';
    const messages = [
      new AuthenticationError({ login: forged, shardId: `shard\n${forged}` }).message,
      new NoSenderShardError('c', forged).message,
    ];
    for (const message of messages) expect(message).not.toMatch(/[\r\n\u0000]/);
    expect(new AuthenticationError({ login: 'bot', shardId: 's' }).message).toContain('credentials of "bot" on shard "s"');
    expect(new NoSenderShardError('c', 'bot').message).toContain('No shard logged in as "bot" can send to #c.');
  });
});
