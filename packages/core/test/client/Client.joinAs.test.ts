import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BaseShardManager,
  InvalidOptionError,
  SimpleTokenHandler,
  type AssignShardOptions,
  type Shard,
} from '../../src/index.js';
import { createTestClient, SECRET, settle } from '../support/testClient.js';

/** Places a channel on the shard of the login `client.join(…, { as })` names, else on the default login's shard. */
class ByLoginManager extends BaseShardManager<{ readonly logins?: readonly string[] }> {
  static override readonly optionKeys = ['logins'];
  readonly calls: Array<{ channel: string; initial: boolean; options: AssignShardOptions | undefined }> = [];

  override async setup(options: { readonly logins?: readonly string[] }): Promise<void> {
    for (const login of options.logins ?? []) this.addShard(`shard-${login}`, login);
  }

  override async assignShard(channel: string, isInitialChannel: boolean, options?: AssignShardOptions): Promise<void> {
    this.calls.push({ channel, initial: isInitialChannel, options });
    const shard: Shard | undefined = this.shards.get(`shard-${options?.as ?? 'one'}`);
    if (shard === undefined) throw new Error(`no shard for ${options?.as ?? 'one'}`);
    await shard.addChannels([channel]);
  }
}

/** A manager written before assignShard had a third parameter: it must keep compiling and working. */
class TwoParameterManager extends BaseShardManager {
  override async setup(): Promise<void> {
    this.addShard('main', await this.resolveLogin());
  }

  override async assignShard(channel: string): Promise<void> {
    await this.shards.get('main')?.addChannels([channel]);
  }
}

const twoAccounts = (): SimpleTokenHandler =>
  new SimpleTokenHandler({ accounts: [{ login: 'one', token: SECRET }, { login: 'two', token: SECRET }] });

describe('client.join(channels, { as })', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("passes the login, lower-cased, to the manager's assignShard, which places the channel on that login's shard", async () => {
    const { client } = createTestClient({ tokenHandler: twoAccounts(), shardManager: ByLoginManager, logins: ['one', 'two'], initialChannels: ['first'] });
    await settle(client.start());
    const results = await settle(client.join(['alpha', 'beta'], { as: 'Two' }));
    const plain = await settle(client.join('gamma'));

    expect([...results, ...plain].every((result) => result.joined)).toBe(true);
    expect([...(client.shards.get('shard-two')?.channels ?? [])].sort()).toEqual(['alpha', 'beta']);
    expect([...(client.shards.get('shard-one')?.channels ?? [])].sort()).toEqual(['first', 'gamma']);
    expect(client.shardManager?.calls).toEqual([
      { channel: 'first', initial: true, options: {} },
      { channel: 'alpha', initial: false, options: { as: 'two' } },
      { channel: 'beta', initial: false, options: { as: 'two' } },
      { channel: 'gamma', initial: false, options: {} },
    ]);
    await client.stop();
  });

  it('leaves a channel a shard already holds where it is', async () => {
    const { client } = createTestClient({ tokenHandler: twoAccounts(), shardManager: ByLoginManager, logins: ['one', 'two'] });
    await settle(client.start());
    await settle(client.join('held'));
    expect(await settle(client.join('held', { as: 'two' }))).toEqual([{ channel: 'held', joined: true }]);
    expect(client.shards.get('shard-one')?.channels.has('held')).toBe(true);
    expect(client.shardManager?.calls.map((call) => call.channel)).toEqual(['held']);
    await client.stop();
  });

  it('rejects an empty or non-string login with InvalidOptionError', async () => {
    const { client } = createTestClient({ tokenHandler: twoAccounts(), shardManager: ByLoginManager, logins: ['one'] });
    await settle(client.start());
    for (const as of ['', 42]) {
      const error = await client.join('x', { as: as as string }).catch((caught: unknown) => caught);
      expect(InvalidOptionError.isInstance(error) && error.option === 'as').toBe(true);
    }
    await client.stop();
  });

  it('still works with managers whose assignShard takes two parameters (they ignore the login)', async () => {
    const { client } = createTestClient({ shardManager: TwoParameterManager });
    await settle(client.start());
    expect(await settle(client.join('chan', { as: 'bot' }))).toEqual([{ channel: 'chan', joined: true }]);
    expect(client.shards.get('main')?.channels.has('chan')).toBe(true);
    await client.stop();
  });
});

describe('anonymousRateLimits', () => {
  it('overrides the anonymous readers\' limiter only, over rateLimits, and never gives it a room cap', () => {
    const { client } = createTestClient({
      rateLimits: { join: { limit: 20, windowMs: 100 }, safetyMargin: 0.1 },
      anonymousRateLimits: { join: { limit: 45 }, concurrentRooms: 5 },
    });
    const anonymous = client.limiters.get(null).limits;
    expect(anonymous.join).toEqual({ limit: 45, windowMs: 100 });
    expect(anonymous.safetyMargin).toBe(0.1);
    expect(anonymous.concurrentRooms).toBe(Number.POSITIVE_INFINITY);
    expect(client.limiters.get('bot').limits.join).toEqual({ limit: 20, windowMs: 100 });
  });

  it('is validated like rateLimits, naming the option', () => {
    expect(() => createTestClient({ anonymousRateLimits: { join: { limit: 0 } } })).toThrow(/anonymousRateLimits\.join\.limit/);
    let error: unknown;
    try {
      createTestClient({ anonymousRateLimits: { joins: {} } as never });
    } catch (caught) {
      error = caught;
    }
    expect(InvalidOptionError.isInstance(error) && error.unknownOptions?.includes('joins')).toBe(true);
  });
});
