// The third-party manager from BaseShardManager's TSDoc and the README, compiled so the docs cannot rot.
import { describe, expectTypeOf, test } from 'vitest';
import { BaseShardManager, Client, defineOptionKeys, type BaseTokenHandler, type ShardManagerOptionsOf } from '../../src/index.js';
import type { FakeTransport, FakeTwitch } from '../support/FakeTransport.js';

interface RoundRobinOptions {
  readonly shardCount?: number;
}

class RoundRobinManager extends BaseShardManager<RoundRobinOptions> {
  static override readonly optionKeys = defineOptionKeys<RoundRobinOptions>()('shardCount');
  #next = 0;
  override async setup(options: RoundRobinOptions): Promise<void> {
    const login = await this.resolveLogin();
    for (let index = 0; index < (options.shardCount ?? 2); index++) this.addShard(`shard-${index}`, login);
  }
  override async assignShard(channel: string): Promise<void> {
    const shards = [...this.shards.values()];
    await shards[this.#next++ % shards.length]?.addChannels([channel]);
  }
}

declare const tokenHandler: BaseTokenHandler;
declare const twitch: FakeTwitch;
declare const Transport: typeof FakeTransport;

describe('a third-party manager', () => {
  test('its options flow into the Client options', () => {
    expectTypeOf<ShardManagerOptionsOf<typeof RoundRobinManager>>().toEqualTypeOf<Readonly<RoundRobinOptions>>();
    new Client({ tokenHandler, transport: Transport, transportOptions: { twitch }, shardManager: RoundRobinManager, shardCount: 3 });
    new Client({
      tokenHandler,
      transport: Transport,
      transportOptions: { twitch },
      shardManager: RoundRobinManager,
      // @ts-expect-error misspelt
      shardCont: 3,
    });
  });
});
