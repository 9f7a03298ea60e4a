import { describe, expect, it } from 'vitest';
import type { JoinEvent, LoginEvent } from '../src/index.js';
import { useMockTwitchServer } from '../src/vitest/index.js';
import { RawClient } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

const CAP = 5;
const server = useMockTwitchServer({
  accounts: [{ login: 'mybot', token: 'secret' }],
  maxRecordedTimestamps: CAP,
  limits: { join: { count: 1_000, windowMs: 10_000 }, login: { count: 1_000, windowMs: 10_000 } },
});
const track = trackClients();

/** The mock's own per-account lists, to check that memory stays bounded, not only what stats() shows. */
function recorded(login: string): { logins: number[]; joins: number[] } {
  const states = (server() as unknown as { loginStates: Map<string, { logins: number[]; joins: number[] }> }).loginStates;
  const state = states.get(login);
  if (state === undefined) throw new Error(`no state for ${login}`);
  return state;
}

describe('bounded per-account timestamps (maxRecordedTimestamps)', () => {
  it('keeps the newest logins and JOINs for stats(), and never more than twice the cap in memory', async () => {
    const logins: LoginEvent[] = [];
    const joins: JoinEvent[] = [];
    server().on('login', (event) => void logins.push(event));
    server().on('join', (event) => void joins.push(event));
    for (let index = 0; index < 3 * CAP; index++) track(await RawClient.login(server().url, 'mybot', 'secret'));
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const channels = Array.from({ length: 40 }, (_, index) => `#room${index}`);
    for (const channel of channels) client.send(`JOIN ${channel}`);
    await client.waitFor((line) => line.includes('ROOMSTATE #room39'));
    expect(recorded('mybot').joins.length).toBeLessThan(2 * CAP);
    expect(recorded('mybot').logins.length).toBeLessThan(2 * CAP);

    const account = server().stats().accounts['mybot'];
    expect(account?.joins).toEqual(joins.slice(-CAP).map((event) => event.at));
    expect(account?.logins).toEqual(logins.slice(-CAP).map((event) => event.at));
    // The limits themselves still see every JOIN: no violation, and all 40 rooms joined.
    expect(account?.channels).toHaveLength(40);
    expect(server().violations()).toEqual([]);
  });
});
