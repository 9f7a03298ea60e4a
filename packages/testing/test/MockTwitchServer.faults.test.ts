import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MockTwitchServer } from '../src/index.js';
import { useMockTwitchServer } from '../src/vitest/index.js';
import { RawClient, sleep } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

const server = useMockTwitchServer({ accounts: [{ login: 'mybot', token: 'secret' }, { login: 'other', token: 'other' }] });
const track = trackClients();

describe('faults', () => {
  it('drops a connection abruptly, without a close frame (1006)', async () => {
    const mine = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const other = track(await RawClient.login(server().url, 'other', 'other'));
    const disconnect = server().waitFor('disconnect');
    expect(server().drop('mybot')).toBe(1);
    expect((await mine.closed).code).toBe(1006);
    expect(await disconnect).toMatchObject({ login: 'mybot', reason: 'dropped' });
    expect(other.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('targets a single connection by id', async () => {
    const first = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const second = track(await RawClient.login(server().url, 'mybot', 'secret'));
    const [, secondInfo] = server().connections('mybot');
    server().reconnect(secondInfo?.id, { graceMs: 0 });
    await second.closed;
    expect(first.socket.readyState).toBe(WebSocket.OPEN);
    expect(second.lines).toContain(':tmi.twitch.tv RECONNECT');
  });

  it('stalls reading and writing, then resumes in order', async () => {
    const reader = track(await RawClient.login(server().url, 'other', 'other'));
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    reader.send('JOIN #chan');
    await reader.waitFor((line) => line.includes('ROOMSTATE'));
    expect(server().stall('mybot')).toBe(1);
    expect(server().connections('mybot')[0]?.stalled).toBe(true);
    client.send('JOIN #chan');
    server().send('HELD', 'mybot');
    await sleep(50);
    expect(client.lines.some((line) => line === 'HELD' || line.includes('JOIN'))).toBe(false);
    expect(server().connections('mybot')[0]?.channels).toEqual([]);
    expect(server().unstall()).toBe(1);
    await client.waitFor((line) => line.endsWith('JOIN #chan'));
    expect(client.lines.indexOf('HELD')).toBeLessThan(client.lines.findIndex((line) => line.endsWith('JOIN #chan')));
  });

  it('refuses the next n connections with HTTP 503', async () => {
    server().refuseConnections(2);
    for (let attempt = 0; attempt < 2; attempt++) {
      const socket = new WebSocket(server().url);
      const status = await new Promise<number | undefined>((resolve) => {
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
        socket.on('error', () => resolve(undefined));
      });
      expect(status).toBe(503);
      socket.terminate();
    }
    track(await RawClient.login(server().url, 'mybot', 'secret'));
  });

  it('cuts frames at arbitrary points in split mode, and sends one line per frame in line mode', async () => {
    const client = track(await RawClient.connect(server().url));
    server().setFraming('split');
    client.send('CAP REQ :twitch.tv/commands twitch.tv/tags\r\nPASS oauth:secret\r\nNICK mybot');
    await client.waitFor((line) => line.includes('GLOBALUSERSTATE'));
    const frames = client.frames as string[];
    expect(frames.length).toBeGreaterThan(9);
    expect(frames.some((frame) => !frame.endsWith('\r\n'))).toBe(true);
    expect(client.lines[1]).toBe(':tmi.twitch.tv 001 mybot :Welcome, GLHF!');
    server().setFraming('line');
    client.frames.length = 0;
    client.send('JOIN #chan');
    await client.waitFor((line) => line.includes('ROOMSTATE'));
    expect(client.frames).toHaveLength(5);
    expect(client.frames.every((frame) => typeof frame === 'string' && /^[^\r\n]+\r\n$/.test(frame))).toBe(true);
  });

  it('stops cleanly with clients still connected, and can be restarted', async () => {
    const standalone = new MockTwitchServer();
    await standalone.start();
    const client = await RawClient.connect(standalone.url);
    await standalone.stop();
    await client.closed;
    expect(() => standalone.url).toThrow(/not listening/);
    await standalone.start();
    expect(standalone.url).toMatch(/^ws:\/\/127\.0\.0\.1:/);
    await standalone.stop();
  });
});
