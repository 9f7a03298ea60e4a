import { afterEach, describe, expect, it, vi } from 'vitest';
import { MockTwitchServer, type LineEvent } from '../src/index.js';
import { useMockTwitchServer } from '../src/vitest/index.js';
import { RawClient, tagsOf } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

const server = useMockTwitchServer({ accounts: [{ login: 'mybot', token: 'secret' }], maxRecordedLines: 5 });
const track = trackClients();

describe('inspection', () => {
  it('reports connections per account with their channels, logins and joins with timestamps', async () => {
    const first = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const second = track(await RawClient.login(server().url, 'mybot', 'secret'));
    first.send('JOIN #a,#b');
    second.send('JOIN #c');
    await Promise.all([first.waitFor((line) => line.includes('ROOMSTATE #b')), second.waitFor((line) => line.includes('ROOMSTATE #c'))]);
    const stats = server().stats();
    expect(stats.connections.map((connection) => [connection.login, connection.channels])).toEqual([
      ['mybot', ['a', 'b']],
      ['mybot', ['c']],
    ]);
    expect(stats.connections[0]?.capabilities).toEqual(['twitch.tv/commands', 'twitch.tv/membership', 'twitch.tv/tags']);
    const account = stats.accounts['mybot'];
    expect(account?.channels).toEqual(['a', 'b', 'c']);
    expect(account?.connections).toEqual(stats.connections.map((connection) => connection.id));
    expect(account?.logins).toHaveLength(2);
    expect(account?.joins).toHaveLength(3);
    expect(account?.joins.every((at) => Math.abs(at - Date.now()) < 5_000)).toBe(true);
  });

  it('keeps a bounded list of raw client lines per connection and emits every line', async () => {
    const lines: LineEvent[] = [];
    server().on('line', (event) => lines.push(event));
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    for (let index = 0; index < 6; index++) client.send(`PING n${index}`);
    await client.waitFor((line) => line.endsWith(':n5'));
    expect(server().receivedLines('mybot')).toEqual(['PING n1', 'PING n2', 'PING n3', 'PING n4', 'PING n5']);
    expect(lines.map((event) => event.line).slice(0, 3)).toEqual(['CAP REQ :twitch.tv/commands twitch.tv/tags twitch.tv/membership', 'PASS oauth:secret', 'NICK mybot']);
    // Injected traffic never shows up as client lines.
    server().chat('a', { login: 'viewer', text: 'PRIVMSG #a :injected' });
    expect(server().receivedLines().some((line) => line.includes('injected'))).toBe(false);
  });

  it('emits typed events that waitFor can await, and times out with a clear error', async () => {
    const connection = server().waitFor('connection');
    const join = server().waitFor('join', (event) => event.channel === 'wanted');
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    expect((await connection).connectionId).toMatch(/^conn-\d+$/);
    client.send('JOIN #other,#wanted');
    expect(await join).toMatchObject({ login: 'mybot', outcome: 'joined', channel: 'wanted' });
    await expect(server().waitFor('violation', () => true, { timeoutMs: 20 })).rejects.toThrow(/timed out after 20 ms/);
    const controller = new AbortController();
    const aborted = server().waitFor('part', () => true, { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toThrow(/aborted/);
  });

  it('emits privmsg events with outcome and the client tags', async () => {
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const event = server().waitFor('privmsg');
    client.send('@client-nonce=abc PRIVMSG #chan :hi');
    expect(await event).toMatchObject({ outcome: 'delivered', clientTags: { 'client-nonce': 'abc' }, channel: 'chan', text: 'hi' });
    expect(server().stats()).toMatchObject({ messagesReceived: 1, messagesRelayed: 0 });
  });
});

describe('simulateChat', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('produces reproducible, realistic tagged chat and stops after its duration', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const run = async (): Promise<string[]> => {
      const local = new MockTwitchServer();
      await local.start();
      const client = await RawClient.login(local.url, 'justinfan1');
      client.send('JOIN #one,#two');
      await client.waitFor((line) => line.includes('ROOMSTATE #two'));
      const simulation = local.simulateChat({ channels: ['one', 'two'], messagesPerSecond: 50, durationMs: 2_000, seed: 7 });
      await vi.advanceTimersByTimeAsync(2_500);
      const sent = await simulation.done;
      expect(sent).toBe(100);
      await client.waitFor(() => client.lines.filter((line) => line.includes('PRIVMSG')).length === 100);
      await local.stop();
      client.close();
      return client.lines.filter((line) => line.includes('PRIVMSG'));
    };
    const first = await run();
    const second = await run();
    const strip = (line: string): string => line.replace(/tmi-sent-ts=\d+;/, '').replace(/id=[0-9a-f-]{36};/g, '').replace(/reply-(thread-)?parent-msg-id=[0-9a-f-]{36};/g, '');
    expect(first.map(strip)).toEqual(second.map(strip));
    const texts = first.map((line) => line.slice(line.indexOf(' :', line.indexOf('PRIVMSG')) + 2));
    expect(texts.some((text) => text.startsWith('\u0001ACTION '))).toBe(true);
    expect(first.some((line) => tagsOf(line).has('reply-parent-msg-id'))).toBe(true);
    expect(first.some((line) => /badges=[^;]*subscriber\//.test(line))).toBe(true);
    // Every emote range points at its code (code points, not UTF-16 units), also after an emoji.
    let checked = 0;
    for (const line of first) {
      const emotes = tagsOf(line).get('emotes') ?? '';
      if (emotes === '') continue;
      const raw = line.slice(line.indexOf(' :', line.indexOf('PRIVMSG')) + 2);
      const body = Array.from(raw.startsWith('\u0001ACTION ') ? raw.slice(8, -1) : raw);
      for (const group of emotes.split('/')) {
        const [id, ranges] = group.split(':') as [string, string];
        for (const range of ranges.split(',')) {
          const [start, end] = range.split('-').map(Number) as [number, number];
          const code = body.slice(start, end + 1).join('');
          expect({ id, code }).toEqual({ id, code: { '25': 'Kappa', '1902': 'Keepo', '483': '<3', '425618': 'LUL', '305954156': 'PogChamp', '64138': 'SeemsGood' }[id] });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(texts.some((text) => /[\u{1F300}-\u{1FAFF}]/u.test(text))).toBe(true);
  });

  it('can be stopped early, and stop() of the server ends it', async () => {
    const simulation = server().simulateChat({ channels: ['x'], messagesPerSecond: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    simulation.stop();
    expect(await simulation.done).toBeGreaterThan(0);
    const endless = server().simulateChat({ channels: ['x'], messagesPerSecond: 10 });
    await server().stop();
    expect(await endless.done).toBeGreaterThanOrEqual(0);
  });
});
