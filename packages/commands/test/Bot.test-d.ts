import { Client, SimpleTokenHandler, type Shard } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { DefaultShardManager } from '@tio/shard-default';
import { DistributedShardManager } from '@tio/shard-distributed';
import { describe, expectTypeOf, it } from 'vitest';
import {
  arg,
  Bot,
  moderatorOnly,
  type BotOptions,
  type CommandContext,
  type CommandDenial,
  type CommandErrorPhase,
  type CommandInvocation,
} from '../src/index.js';

const tokenHandler = new SimpleTokenHandler({ login: 'tiobot', token: 'token' });

describe('Bot typing', () => {
  it('is a Client, and keeps the manager class generic', () => {
    const bot = new Bot({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, channelsPerShard: 10, prefix: '!' });
    expectTypeOf(bot).toMatchTypeOf<Client<typeof IrcWsTransport, typeof DistributedShardManager>>();
    expectTypeOf(bot).toEqualTypeOf<Bot<typeof IrcWsTransport, typeof DistributedShardManager>>();
    expectTypeOf(bot.shardManager).toEqualTypeOf<DistributedShardManager | undefined>();
    expectTypeOf(bot.shards).toEqualTypeOf<ReadonlyMap<string, Shard>>();
  });

  it('types manager options from the manager class, as Client does', () => {
    // @ts-expect-error a misspelt manager option is a compile error
    new Bot({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, channelPerShard: 10 });
    // @ts-expect-error a manager option of the wrong type
    new Bot({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, channelsPerShard: '10' });
    // @ts-expect-error DefaultShardManager takes no channelsPerShard
    new Bot({ tokenHandler, transport: IrcWsTransport, shardManager: DefaultShardManager, channelsPerShard: 10 });
    // @ts-expect-error an unknown bot option
    new Bot({ tokenHandler, transport: IrcWsTransport, prefixes: ['!'] });
    // @ts-expect-error a transport option of the wrong type
    new Bot({ tokenHandler, transport: IrcWsTransport, transportOptions: { url: 42 } });
    expectTypeOf<BotOptions<typeof IrcWsTransport, typeof DistributedShardManager>>().toHaveProperty('channelsPerShard');
    expectTypeOf<BotOptions<typeof IrcWsTransport, typeof DistributedShardManager>['prefix']>().not.toBeAny();
  });

  it('accepts every prefix form', () => {
    new Bot({ tokenHandler, transport: IrcWsTransport, prefix: ['!', '?'] });
    new Bot({ tokenHandler, transport: IrcWsTransport, prefix: (message) => (message.channel === 'a' ? '?' : undefined) });
    new Bot({ tokenHandler, transport: IrcWsTransport, prefix: async () => ['!'] });
    // @ts-expect-error a number is not a prefix
    new Bot({ tokenHandler, transport: IrcWsTransport, prefix: 1 });
  });

  it('infers ctx.args from the argument schema', () => {
    const bot = new Bot({ tokenHandler, transport: IrcWsTransport, shardManager: DistributedShardManager, maxShardCount: 2 });
    bot.command({
      name: 'give',
      args: {
        user: arg.user(),
        amount: arg.integer({ min: 1 }),
        times: arg.integer({ default: 1 }),
        side: arg.choice(['heads', 'tails']),
        loud: arg.boolean({ optional: true }),
        reason: arg.rest({ optional: true }),
      },
      checks: [moderatorOnly, (invocation) => invocation.user.isSubscriber, async (invocation) => invocation.channel === 'x'],
      run: (ctx) => {
        expectTypeOf(ctx.args.user).toEqualTypeOf<string>();
        expectTypeOf(ctx.args.amount).toEqualTypeOf<number>();
        expectTypeOf(ctx.args.times).toEqualTypeOf<number>();
        expectTypeOf(ctx.args.side).toEqualTypeOf<'heads' | 'tails'>();
        expectTypeOf(ctx.args.loud).toEqualTypeOf<boolean | undefined>();
        expectTypeOf(ctx.args.reason).toEqualTypeOf<string | undefined>();
        expectTypeOf(ctx.bot).toEqualTypeOf<Bot<typeof IrcWsTransport, typeof DistributedShardManager>>();
        expectTypeOf(ctx.bot.shardManager).toEqualTypeOf<DistributedShardManager | undefined>();
        expectTypeOf(ctx.reply).returns.resolves.toHaveProperty('channel');
        expectTypeOf(ctx.prefix).toEqualTypeOf<string>();
        expectTypeOf(ctx.commandName).toEqualTypeOf<string>();
        // @ts-expect-error not a declared argument
        void ctx.args.nope;
      },
    });
    bot.command({
      name: 'ping',
      run: (ctx) => {
        expectTypeOf(ctx.args).toEqualTypeOf<{}>();
      },
    });
    bot.command({
      name: 'color',
      args: { color: arg.custom({ kind: 'color', parse: (raw) => (raw.startsWith('#') ? { ok: true, value: raw.length } : { ok: false, problem: 'must start with #' }) }) },
      run: (ctx) => {
        expectTypeOf(ctx.args.color).toEqualTypeOf<number>();
      },
    });
    // @ts-expect-error run is required
    bot.command({ name: 'broken' });
  });

  it('types command events and keeps client events', () => {
    const bot = new Bot({ tokenHandler, transport: IrcWsTransport });
    bot.on('commandDenied', (denial, invocation) => {
      expectTypeOf(denial).toEqualTypeOf<CommandDenial>();
      expectTypeOf(invocation).toEqualTypeOf<CommandInvocation>();
      if (denial.reason === 'cooldown') expectTypeOf(denial.retryAfterMs).toEqualTypeOf<number>();
      if (denial.reason === 'usage') expectTypeOf(denial.message).toEqualTypeOf<string>();
      if (denial.reason === 'check') expectTypeOf(denial.check).toEqualTypeOf<string>();
    });
    bot.on('commandError', (error, invocation, phase) => {
      expectTypeOf(error).toEqualTypeOf<Error>();
      expectTypeOf(invocation.user.login).toEqualTypeOf<string>();
      expectTypeOf(phase).toEqualTypeOf<CommandErrorPhase>();
    });
    bot.on('commandRun', (context) => {
      expectTypeOf(context).toEqualTypeOf<CommandContext>();
    });
    bot.on('message', (message) => {
      expectTypeOf(message.self).toEqualTypeOf<boolean>();
    });
    bot.on('join', (channel, shardId) => {
      expectTypeOf(channel).toEqualTypeOf<string>();
      expectTypeOf(shardId).toEqualTypeOf<string>();
    });
    expectTypeOf(bot.waitFor('commandRun')).resolves.toEqualTypeOf<[context: CommandContext]>();
    expectTypeOf(bot.waitFor('ready')).resolves.toEqualTypeOf<[]>();
    // @ts-expect-error not an event
    bot.on('commandStarted', () => undefined);
    // @ts-expect-error wrong listener arguments
    bot.on('commandError', (error: string) => error);
  });
});
