import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { arg, type Cooldown, type CommandDenial } from '../src/index.js';
import { OTHER_CHANNEL, startHarness, type Harness } from './support/harness.js';

let harness: Harness | undefined;

// Only Date is faked: the cooldowns read the bot's clock (systemClock → Date.now at call time), while sockets and
// the transport's timers keep running on real time.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
});

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  vi.useRealTimers();
});

function advance(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

async function withCooldown(cooldown: Cooldown | readonly Cooldown[]): Promise<Harness> {
  harness = await startHarness();
  harness.bot.command({ name: 'cd', cooldown, run: () => undefined });
  return harness;
}

function outcomes(h: Harness): Array<'run' | CommandDenial> {
  return h.events.map((event) => (event[0] === 'commandRun' ? 'run' : event[0] === 'commandDenied' ? event[1] : (() => { throw event[1]; })()));
}

describe('Bot cooldowns', () => {
  it('per user: each user in each channel waits on their own', async () => {
    const h = await withCooldown({ scope: 'user', durationMs: 10_000 });
    await h.chat({ login: 'alice', text: '!cd' });
    advance(4_000);
    await h.chat({ login: 'alice', text: '!cd' });
    await h.chat({ login: 'bob', text: '!cd' });
    await h.chat({ login: 'alice', text: '!cd' }, OTHER_CHANNEL);
    advance(6_000);
    await h.chat({ login: 'alice', text: '!cd' });
    expect(outcomes(h)).toEqual(['run', { reason: 'cooldown', scope: 'user', retryAfterMs: 6_000 }, 'run', 'run', 'run']);
  });

  it('per channel: everyone in the channel shares it, other channels do not', async () => {
    const h = await withCooldown({ scope: 'channel', durationMs: 5_000 });
    await h.chat({ login: 'alice', text: '!cd' });
    advance(1_000);
    await h.chat({ login: 'bob', text: '!cd' });
    await h.chat({ login: 'bob', text: '!cd' }, OTHER_CHANNEL);
    advance(4_000);
    await h.chat({ login: 'bob', text: '!cd' });
    expect(outcomes(h)).toEqual(['run', { reason: 'cooldown', scope: 'channel', retryAfterMs: 4_000 }, 'run', 'run']);
  });

  it('global: one use everywhere, several uses per window when asked', async () => {
    const h = await withCooldown({ scope: 'global', durationMs: 60_000, uses: 2 });
    await h.chat({ login: 'alice', text: '!cd' });
    await h.chat({ login: 'bob', text: '!cd' }, OTHER_CHANNEL);
    advance(59_999);
    await h.chat({ login: 'carol', text: '!cd' });
    advance(1);
    await h.chat({ login: 'carol', text: '!cd' });
    expect(outcomes(h)).toEqual(['run', 'run', { reason: 'cooldown', scope: 'global', retryAfterMs: 1 }, 'run']);
  });

  it('reports the longest wait when several cooldowns apply, and exempts the roles it lists', async () => {
    const h = await withCooldown([
      { scope: 'user', durationMs: 30_000 },
      { scope: 'channel', durationMs: 5_000, exempt: ['moderator', 'broadcaster'] },
    ]);
    await h.chat({ login: 'alice', text: '!cd' });
    await h.chat({ login: 'alice', text: '!cd' });
    await h.chat({ login: 'bob', text: '!cd' });
    await h.chat({ login: 'mod', badges: 'moderator/1', text: '!cd' });
    expect(outcomes(h)).toEqual([
      'run',
      { reason: 'cooldown', scope: 'user', retryAfterMs: 30_000 },
      { reason: 'cooldown', scope: 'channel', retryAfterMs: 5_000 },
      'run',
    ]);
  });

  it('does not use up a cooldown on a usage error or a failed check, and can be reset', async () => {
    harness = await startHarness();
    const h = harness;
    h.bot.command({
      name: 'bet',
      args: { amount: arg.integer() },
      checks: [function notBanned(invocation) { return invocation.user.login !== 'troll'; }],
      cooldown: { scope: 'user', durationMs: 10_000 },
      run: () => undefined,
    });
    await h.chat({ login: 'alice', text: '!bet lots' });
    await h.chat({ login: 'troll', text: '!bet 1' });
    await h.chat({ login: 'alice', text: '!bet 5' });
    await h.chat({ login: 'alice', text: '!bet 5' });
    h.bot.resetCooldowns('BET');
    await h.chat({ login: 'alice', text: '!bet 5' });
    expect(outcomes(h).map((outcome) => (outcome === 'run' ? outcome : outcome.reason))).toEqual(['usage', 'check', 'run', 'cooldown', 'run']);
    expect(h.sent).toEqual([]);
  });
});
