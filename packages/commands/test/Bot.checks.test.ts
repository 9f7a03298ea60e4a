import { afterEach, describe, expect, it } from 'vitest';
import { broadcasterOnly, moderatorOnly, vipOnly, type CommandCheck } from '../src/index.js';
import { CHANNEL, ROOM_IDS, startHarness, type Harness } from './support/harness.js';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function withChecks(checks: readonly CommandCheck[]): Promise<Harness> {
  harness = await startHarness();
  harness.bot.command({ name: 'guarded', checks, run: (ctx) => ctx.reply(`ok ${ctx.user.login}`) });
  return harness;
}

function summary(h: Harness): string[] {
  return h.events.map((event) => {
    if (event[0] === 'commandRun') return `run ${event[1].user.login}`;
    if (event[0] === 'commandDenied') return `denied ${event[2].user.login} ${event[1].reason === 'check' ? event[1].check : event[1].reason}`;
    return `error ${event[2].user.login} ${event[3]} ${event[1].message}`;
  });
}

describe('Bot checks, from the badges and tags Twitch sends', () => {
  it('moderatorOnly lets moderators (badge or mod tag) and the broadcaster through', async () => {
    const h = await withChecks([moderatorOnly]);
    await h.chat({ login: 'viewer', text: '!guarded' });
    await h.chat({ login: 'sub', badges: 'subscriber/6', badgeInfo: 'subscriber/7', text: '!guarded' });
    await h.chat({ login: 'badgemod', badges: 'moderator/1,subscriber/12', text: '!guarded' });
    // Some lines carry mod=1 with the badge hidden behind another one; the tag alone counts.
    await h.chat({ login: 'tagmod', tags: { mod: '1' }, text: '!guarded' });
    await h.chat({ login: CHANNEL, userId: ROOM_IDS[CHANNEL], badges: 'broadcaster/1', text: '!guarded' });
    expect(summary(h)).toEqual([
      'denied viewer moderatorOnly',
      'denied sub moderatorOnly',
      'run badgemod',
      'run tagmod',
      `run ${CHANNEL}`,
    ]);
    await expect.poll(() => h.sent.map((event) => event.text).sort()).toEqual(['ok badgemod', `ok ${CHANNEL}`, 'ok tagmod']);
  });

  it('broadcasterOnly trusts the broadcaster badge or user id == room id, and refuses moderators', async () => {
    const h = await withChecks([broadcasterOnly]);
    await h.chat({ login: 'badgemod', badges: 'moderator/1', text: '!guarded' });
    await h.chat({ login: CHANNEL, userId: ROOM_IDS[CHANNEL], badges: 'broadcaster/1,subscriber/0', text: '!guarded' });
    // No badge (hidden in the client), but the author is the room's owner.
    await h.chat({ login: CHANNEL, userId: ROOM_IDS[CHANNEL], text: '!guarded' });
    await h.chat({ login: 'impostor', displayName: CHANNEL, text: '!guarded' });
    expect(summary(h)).toEqual(['denied badgemod broadcasterOnly', `run ${CHANNEL}`, `run ${CHANNEL}`, 'denied impostor broadcasterOnly']);
  });

  it('vipOnly lets VIPs and those above them through', async () => {
    const h = await withChecks([vipOnly]);
    await h.chat({ login: 'vip', badges: 'vip/1', text: '!guarded' });
    await h.chat({ login: 'viewer', text: '!guarded' });
    await h.chat({ login: 'badgemod', badges: 'moderator/1', text: '!guarded' });
    expect(summary(h)).toEqual(['run vip', 'denied viewer vipOnly', 'run badgemod']);
  });

  it('runs custom checks in order, sync or async, and names anonymous ones by position', async () => {
    const calls: string[] = [];
    const allowList = new Set(['alice', 'bob']);
    const h = await withChecks([
      async function allowed(invocation) {
        calls.push(`allowed ${invocation.user.login}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return allowList.has(invocation.user.login);
      },
      (invocation) => {
        calls.push(`second ${invocation.user.login}`);
        return invocation.user.login !== 'bob';
      },
    ]);
    await h.chat({ login: 'alice', text: '!guarded' });
    await h.chat({ login: 'bob', text: '!guarded' });
    await h.chat({ login: 'carol', text: '!guarded' });
    expect(summary(h)).toEqual(['run alice', 'denied bob checks[1]', 'denied carol allowed']);
    expect(calls).toEqual(['allowed alice', 'second alice', 'allowed bob', 'second bob', 'allowed carol']);
  });

  it('fails closed: a check that returns nothing denies, one that throws is a commandError', async () => {
    const h = await withChecks([
      ((invocation) => {
        if (invocation.user.login === 'boom') throw new Error('database down');
        if (invocation.user.login === 'forgot') return undefined;
        return true;
      }) as CommandCheck,
    ]);
    await h.chat({ login: 'forgot', text: '!guarded' });
    await h.chat({ login: 'boom', text: '!guarded' });
    await h.chat({ login: 'alice', text: '!guarded' });
    expect(summary(h)).toEqual(['denied forgot checks[0]', 'error boom check database down', 'run alice']);
  });
});
