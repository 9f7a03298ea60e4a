import { afterEach, describe, expect, it } from 'vitest';
import { arg } from '../src/index.js';
import { CHANNEL, startHarness, type Harness } from './support/harness.js';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('Bot errors never stop the bot', () => {
  it('reports a throwing or rejecting command as commandError, then keeps answering', async () => {
    harness = await startHarness();
    const h = harness;
    h.bot.command({
      name: 'boom',
      run: () => {
        throw new Error('kaboom');
      },
    });
    h.bot.command({ name: 'later', run: async () => Promise.reject(new TypeError('rejected')) });
    h.bot.command({ name: 'weird', run: () => Promise.reject('a string') });
    h.bot.command({ name: 'ping', run: (ctx) => ctx.reply('pong') });

    await h.chat({ login: 'alice', text: '!boom' });
    await h.chat({ login: 'alice', text: '!later' });
    await h.chat({ login: 'alice', text: '!weird' });
    const ping = await h.chat({ login: 'alice', text: '!ping' });
    expect((await h.replyTo(ping)).text).toBe('pong');

    const errors = h.events.filter((event) => event[0] === 'commandError');
    expect(errors.map((event) => [event[1].message, event[2].commandName, event[3]])).toEqual([
      ['kaboom', 'boom', 'run'],
      ['rejected', 'later', 'run'],
      ['A command threw a non-Error value: a string', 'weird', 'run'],
    ]);
    expect(errors[1]?.[1]).toBeInstanceOf(TypeError);
    expect(errors[1]?.[2]).toHaveProperty('args', {});
    expect(h.events.at(-1)?.[0]).toBe('commandRun');
    expect(h.errors).toEqual([]);
  });

  it('reports a failing reply (the send path) as commandError', async () => {
    harness = await startHarness();
    const h = harness;
    h.bot.command({ name: 'long', run: (ctx) => ctx.reply('x'.repeat(501)) });
    await h.chat({ login: 'alice', text: '!long' });
    const [event] = h.events;
    expect(event?.[0]).toBe('commandError');
    expect((event?.[1] as Error & { code?: string }).code).toBe('INVALID_MESSAGE');
  });

  it('treats a throwing custom argument parser as a bug (commandError), not a usage error', async () => {
    harness = await startHarness();
    const h = harness;
    h.bot.command({
      name: 'parse',
      args: { value: arg.custom({ kind: 'x', parse: () => { throw new Error('parser bug'); } }) },
      run: () => undefined,
    });
    await h.chat({ login: 'alice', text: '!parse 1' });
    expect(h.events.map((event) => [event[0], event[0] === 'commandError' ? event[3] : undefined])).toEqual([['commandError', 'arguments']]);
  });

  it('routes a throwing or rejecting command-event listener to the client error event', async () => {
    harness = await startHarness();
    const h = harness;
    h.bot.command({ name: 'ping', run: (ctx) => ctx.reply('pong') });
    const syncListener = (): void => {
      throw new Error('listener bug');
    };
    h.bot.on('commandRun', syncListener);
    h.bot.once('commandRun', async () => Promise.reject(new Error('async listener bug')));
    await h.chat({ login: 'alice', text: '!ping' });
    await expect.poll(() => h.errors.length).toBe(2);
    expect(h.errors.map(([error]) => error.message)).toEqual(['listener bug', 'async listener bug']);
    for (const [, details] of h.errors) expect(details).toEqual({ source: 'listener', event: 'commandRun', channel: CHANNEL });

    h.bot.off('commandRun', syncListener);
    const again = await h.chat({ login: 'alice', text: '!ping' });
    await h.replyTo(again);
    expect(h.errors).toHaveLength(2);
  });

  it('rejects pending waitFor calls on command events when the bot stops', async () => {
    harness = await startHarness();
    const waiting = expect(harness.bot.waitFor('commandRun')).rejects.toMatchObject({ code: 'STOPPED' });
    await harness.bot.stop();
    await waiting;
  });
});
