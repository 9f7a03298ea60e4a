import { SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { DefaultShardManager } from '@tio/shard-default';
import { describe, expect, it } from 'vitest';
import { arg, Bot, DuplicateCommandError, InvalidCommandError, type BotCommandOptions } from '../../src/index.js';

function createBot(options: BotCommandOptions = {}): Bot<typeof IrcWsTransport, typeof DefaultShardManager> {
  return new Bot({
    tokenHandler: new SimpleTokenHandler({ login: 'tiobot', token: 'token' }),
    transport: IrcWsTransport,
    shardManager: DefaultShardManager,
    ...options,
  });
}

const run = (): undefined => undefined;

describe('bot.command()', () => {
  it('registers commands by canonical name, lower-cased by default', () => {
    const bot = createBot();
    const command = bot.command({ name: 'Give', aliases: ['GIFT', 'give', 'gift'], description: 'gives', args: { user: arg.user() }, run });
    expect(command).toMatchObject({ name: 'give', aliases: ['gift'], description: 'gives', usage: 'give <user>', cooldowns: [], checks: [] });
    expect(Object.isFrozen(command)).toBe(true);
    expect([...bot.commands.keys()]).toEqual(['give']);
    expect(bot.commands.get('give')).toBe(command);
    expect(bot.commands.get('gift')).toBeUndefined();
  });

  it('keeps case when names are case-sensitive', () => {
    const bot = createBot({ caseInsensitive: false });
    bot.command({ name: 'Ping', run });
    bot.command({ name: 'ping', run });
    expect([...bot.commands.keys()]).toEqual(['Ping', 'ping']);
  });

  it('refuses a taken name or alias', () => {
    const bot = createBot();
    bot.command({ name: 'hi', aliases: ['hey'], run });
    const attempt = (): unknown => bot.command({ name: 'hello', aliases: ['HEY'], run });
    expect(attempt).toThrow(DuplicateCommandError);
    try {
      attempt();
    } catch (error) {
      expect(DuplicateCommandError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'DUPLICATE_COMMAND', taken: 'hey', command: 'hello', existing: 'hi' });
      expect((error as Error).message).toContain("bot.removeCommand('hi')");
    }
    expect([...bot.commands.keys()]).toEqual(['hi']);
  });

  it('refuses invalid definitions with a message that says what to do', () => {
    const bot = createBot();
    const invalid = (definition: unknown): string => {
      try {
        bot.command(definition as never);
      } catch (error) {
        expect(InvalidCommandError.isInstance(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected InvalidCommandError');
    };
    expect(invalid({ name: '', run })).toContain('non-empty string');
    expect(invalid({ name: 'two words', run })).toContain('contains a space');
    expect(invalid({ name: 'x', aliases: ['"q'], run })).toContain('quote');
    expect(invalid({ name: 'x' })).toContain('run must be a function');
    expect(invalid({ name: 'x', args: { reason: arg.rest(), user: arg.user() }, run })).toContain('must be the last argument');
    expect(invalid({ name: 'x', args: { a: arg.integer({ optional: true }), b: arg.integer() }, run })).toContain('follows optional argument "a"');
    expect(invalid({ name: 'x', args: { 1: arg.integer() }, run })).toContain('looks like an integer');
    expect(invalid({ name: 'x', args: { a: 'nope' }, run })).toContain('not an argument');
    expect(invalid({ name: 'x', cooldown: { scope: 'room', durationMs: 1 }, run })).toContain("'user', 'channel', 'global'");
    expect(invalid({ name: 'x', cooldown: { scope: 'user', durationMs: 0 }, run })).toContain('> 0');
    expect(invalid({ name: 'x', cooldown: { scope: 'user', durationMs: 1, uses: 0.5 }, run })).toContain('integer >= 1');
    expect(invalid({ name: 'x', cooldown: { scope: 'user', durationMs: 1, exempt: ['admin'] }, run })).toContain('exempt');
    expect(invalid({ name: 'x', checks: ['mod'], run })).toContain('checks must be');
    expect(bot.commands.size).toBe(0);
  });

  it('removes a command by name or alias', () => {
    const bot = createBot();
    bot.command({ name: 'dice', aliases: ['roll'], run });
    expect(bot.removeCommand('ROLL')).toBe(true);
    expect(bot.removeCommand('dice')).toBe(false);
    expect(bot.commands.size).toBe(0);
    bot.command({ name: 'roll', run });
    expect(bot.commands.has('roll')).toBe(true);
  });

  it('exposes commands as a read-only map', () => {
    const bot = createBot();
    bot.command({ name: 'a', run });
    const view = bot.commands as unknown as Map<string, unknown>;
    expect((view as { set?: unknown }).set).toBeUndefined();
    expect([...view]).toHaveLength(1);
    const seen: string[] = [];
    bot.commands.forEach((_command, name) => seen.push(name));
    expect(seen).toEqual(['a']);
  });

  it('validates the bot options', () => {
    expect(() => createBot({ prefix: '' })).toThrow(/prefix/);
    expect(() => createBot({ prefix: [] })).toThrow(/prefix/);
    expect(() => createBot({ prefix: ['!', ''] })).toThrow(/prefix/);
    expect(() => createBot({ caseInsensitive: 'yes' as never })).toThrow(/caseInsensitive/);
    expect(() => createBot({ usageReplies: 1 as never })).toThrow(/usageReplies/);
    expect(() => createBot({ sharedChat: 'none' as never })).toThrow(/sharedChat/);
  });

  it('still rejects unknown client options, as Client does', () => {
    expect(() => createBot({ prefixes: '!' } as never)).toThrow(/prefixes/);
  });
});
