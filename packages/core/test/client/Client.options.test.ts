import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BaseShardManager,
  Client,
  ContractVersionError,
  InvalidChannelError,
  InvalidOptionError,
  MissingShardManagerError,
  SimpleTokenHandler,
} from '../../src/index.js';
import { FakeTransport, FakeTwitch, privmsg } from '../support/FakeTransport.js';
import { CapacityManager, SingleShardManager } from '../support/managers.js';
import { createTestClient, FAST_LIMITS, recordingLogger, SECRET, settle } from '../support/testClient.js';

const tokenHandler = new SimpleTokenHandler({ login: 'bot', token: SECRET });
const base = { tokenHandler, transport: FakeTransport, transportOptions: { twitch: new FakeTwitch() }, rateLimits: FAST_LIMITS };

function thrown(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('Client options', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects unknown option names, naming the valid ones and the likely typo', () => {
    const error = thrown(() => new Client({ ...base, shardManager: CapacityManager, channelPerShard: 10 } as never));
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    const typed = error as InvalidOptionError;
    expect(typed.unknownOptions).toEqual(['channelPerShard']);
    expect(typed.validOptions).toContain('channelsPerShard');
    expect(typed.validOptions).toContain('sendTimeoutMs');
    expect(typed.message).toContain('did you mean "channelsPerShard"');
  });

  it('passes declared manager options through, validated by the manager', async () => {
    expect(() => new Client({ ...base, shardManager: CapacityManager, channelsPerShard: 0 })).toThrow(/channelsPerShard.*integer >= 1/);
    const client = new Client({ ...base, shardManager: CapacityManager, channelsPerShard: 5, maxShardCount: 2 });
    await settle(client.start());
    expect(client.shardManager?.options).toEqual({ channelsPerShard: 5, maxShardCount: 2 });
    expect(client.shardManager?.perShard).toBe(5);
    await client.stop();
  });

  it('throws a clear TypeError for a manager instance instead of the class', () => {
    const instance = Object.create(CapacityManager.prototype) as CapacityManager;
    const error = thrown(() => new Client({ ...base, shardManager: instance as never }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/must be a shard manager class, not an instance of CapacityManager.*shardManager: CapacityManager/);
  });

  it('rejects a manager or transport built for another contract version', () => {
    class OldManager extends SingleShardManager {
      static override readonly contractVersion = 'tio.shard-manager.v0' as never;
    }
    const managerError = thrown(() => new Client({ ...base, shardManager: OldManager }));
    expect(ContractVersionError.isInstance(managerError)).toBe(true);
    expect((managerError as Error).message).toContain('"tio.shard-manager.v0"');
    class OldTransport extends FakeTransport {
      static override readonly contractVersion = 'tio.transport.v0' as never;
    }
    expect(() => new Client({ ...base, transport: OldTransport, shardManager: SingleShardManager })).toThrow(ContractVersionError);
    expect(() => new Client({ ...base, transport: {}, shardManager: SingleShardManager } as never)).toThrow(TypeError);
  });

  it('wires botLevel and rateLimits into the account limiters', () => {
    const verified = new Client({ ...base, shardManager: SingleShardManager, botLevel: 'verified', rateLimits: { safetyMargin: 0.1 } });
    expect(verified.limiters.limits.join).toEqual({ limit: 2_000, windowMs: 10_000 });
    expect(verified.limiters.get('bot').limits.messageUser.limit).toBe(7_500);
    expect(verified.limiters.get('bot').limits.safetyMargin).toBe(0.1);
    const regular = new Client({ ...base, shardManager: SingleShardManager, rateLimits: {} });
    expect(regular.limiters.limits.messageUser).toEqual({ limit: 20, windowMs: 30_000 });
    expect(regular.limiters.limits.concurrentRooms).toBe(100);
    expect(regular.limiters.limits.channelSafetyMargin).toBe(0.1);
    const wider = new Client({ ...base, shardManager: SingleShardManager, rateLimits: { channelSafetyMargin: 0.3 } });
    expect(wider.limiters.get('bot').limits.channelSafetyMargin).toBe(0.3);
    expect(wider.limiters.get('bot').limits.safetyMargin).toBe(0.02);
    expect(() => new Client({ ...base, shardManager: SingleShardManager, rateLimits: { channelSafetyMargin: 2 } })).toThrow(
      /rateLimits\.channelSafetyMargin/,
    );
  });

  it('uses the injected clock for every timer and timestamp', async () => {
    const offset = 1_000_000_000;
    const clock = {
      now: () => Date.now() + offset,
      setTimeout: vi.fn((callback: () => void, delayMs: number) => setTimeout(callback, delayMs)),
      clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const { client } = createTestClient({ clock });
    await settle(client.start());
    const sent = await settle(client.send('chan', 'hi'));
    expect(sent.sentAt).toBeGreaterThanOrEqual(offset);
    expect(clock.setTimeout).toHaveBeenCalled();
    await client.stop();
  });

  it('logs instead of throwing when an error listener itself throws', async () => {
    const logger = recordingLogger();
    const { client, twitch } = createTestClient({ logger, initialChannels: ['a'] });
    await settle(client.start());
    client.on('error', () => {
      throw new Error('error listener bug');
    });
    client.on('message', () => {
      throw new Error('message listener bug');
    });
    expect(() => twitch.connection('main').receive(privmsg('a', 'viewer', 'hi'))).not.toThrow();
    expect(logger.lines.some((line) => line.includes('an error listener threw') && line.includes('error listener bug'))).toBe(true);
    await client.stop();
  });

  it('rejects bad values of its own options', () => {
    expect(() => new Client({ ...base, shardManager: SingleShardManager, sendTimeoutMs: -1 })).toThrow(InvalidOptionError);
    expect(() => new Client({ ...base, shardManager: SingleShardManager, botLevel: 'known' as never })).toThrow(InvalidOptionError);
    expect(() => new Client({ ...base, shardManager: SingleShardManager, rateLimits: { joins: {} } as never })).toThrow(/does not accept the option "joins"/);
    expect(() => new Client({ ...base, shardManager: SingleShardManager, rateLimits: { join: { limit: 0 } } })).toThrow(InvalidOptionError);
    expect(() => new Client({ ...base, shardManager: SingleShardManager, tokenHandler: {} as never })).toThrow(InvalidOptionError);
  });

  it('normalises initial channels from a list once, and lists every bad name', async () => {
    const { client } = createTestClient({ initialChannels: ['#Foo', 'foo', 'BAR', 'a'] });
    await settle(client.start());
    expect(client.shardManager?.initialChannels).toEqual(['foo', 'bar', 'a']);
    expect(Object.isFrozen(client.shardManager?.initialChannels)).toBe(true);
    expect([...(client.shards.get('main')?.joinedChannels ?? [])].sort()).toEqual(['a', 'bar', 'foo']);
    await client.stop();
    const error = thrown(() => createTestClient({ initialChannels: ['ok', 'not ok', 'x'.repeat(26)] }));
    expect(InvalidChannelError.isInstance(error)).toBe(true);
    expect((error as InvalidChannelError).channels).toHaveLength(2);
  });

  it('resolves initial channels from an async function at start', async () => {
    const source = vi.fn(async () => ['#One', 'two', 'one']);
    const { client } = createTestClient({ initialChannels: source });
    expect(source).not.toHaveBeenCalled();
    await settle(client.start());
    expect(source).toHaveBeenCalledTimes(1);
    expect(client.shardManager?.initialChannels).toEqual(['one', 'two']);
    await client.stop();
    const { client: bad } = createTestClient({ initialChannels: async () => ['fine', 'bad-name'] });
    await expect(settle(bad.start())).rejects.toSatisfy((error) => InvalidChannelError.isInstance(error));
    expect(bad.state).toBe('stopped');
  });

  it('declares moderatedChannels on the default login\'s limiter at start, so they never count toward the room cap', async () => {
    const { client } = createTestClient({ moderatedChannels: ['#BigStreamer', 'other'], rateLimits: { ...FAST_LIMITS, concurrentRooms: 1 } });
    await settle(client.start());
    const limiter = client.limiters.get('bot');
    expect(limiter.channelRole('bigstreamer')).toBe('moderator');
    expect(limiter.channelRole('other')).toBe('moderator');
    expect(limiter.channelRole('somewhere')).toBe('viewer');
    await expect(limiter.reserveRoom('somewhere')).resolves.toEqual({ granted: true });
    limiter.confirmRoom('somewhere');
    limiter.setChannelRole('somewhere', 'viewer');
    // The cap (1) is full of ordinary rooms, yet the declared moderated rooms are still granted.
    await expect(limiter.reserveRoom('bigstreamer')).resolves.toEqual({ granted: true });
    await client.stop();
    expect(() => new Client({ ...base, shardManager: SingleShardManager, moderatedChannels: ['bad name'] })).toThrow(InvalidChannelError);
  });

  it('has an empty initialChannels array when none were given', async () => {
    const { client } = createTestClient();
    await settle(client.start());
    expect(client.shardManager?.initialChannels).toEqual([]);
    await client.stop();
  });

  it('loads DefaultShardManager from the (injectable) specifier when no manager is given', async () => {
    const specifier = fileURLToPath(new URL('../support/defaultManagerModule.ts', import.meta.url));
    const client = new Client({ ...base, defaultShardManagerSpecifier: specifier, initialChannels: ['foo'] });
    await settle(client.start());
    expect(client.shardManager?.constructor.name).toBe('SingleShardManager');
    expect(client.shards.get('main')?.joinedChannels.has('foo')).toBe(true);
    await client.stop();
  });

  it('rejects options the default manager does not declare, once it is loaded', async () => {
    const specifier = fileURLToPath(new URL('../support/defaultManagerModule.ts', import.meta.url));
    const client = new Client({ ...base, defaultShardManagerSpecifier: specifier, channelsPerShard: 3 } as never);
    await expect(settle((client as Client).start())).rejects.toSatisfy(
      (error) => InvalidOptionError.isInstance(error) && error.unknownOptions.includes('channelsPerShard'),
    );
  });

  it('fails with MissingShardManagerError when the default manager is not installed', async () => {
    const client = new Client({ ...base, defaultShardManagerSpecifier: '@tio/not-installed-shard-manager' });
    const error = await settle(client.start()).catch((caught: unknown) => caught);
    expect(MissingShardManagerError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/Install @tio\/shard-default.*or pass shardManager/);
    expect(client.state).toBe('stopped');
  });

  it('accepts a third-party manager that extends BaseShardManager', async () => {
    class TinyManager extends BaseShardManager<{ readonly label?: string }> {
      static override readonly optionKeys = ['label'];
      override async setup(): Promise<void> {
        this.addShard(this.options.label ?? 'tiny', await this.resolveLogin());
      }
      override async assignShard(channel: string): Promise<void> {
        await this.shards.get(this.options.label ?? 'tiny')?.addChannels([channel]);
      }
    }
    const client = new Client({ ...base, shardManager: TinyManager, label: 'only' });
    await settle(client.start());
    expect([...client.shards.keys()]).toEqual(['only']);
    await client.stop();
  });
});
