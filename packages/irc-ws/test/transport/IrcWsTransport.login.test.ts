import { AuthenticationError, InvalidOptionError, SecretToken, StoppedError } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CapabilityRejectedError } from '../../src/transport/errors/CapabilityRejectedError.js';
import { EventSinkError } from '../../src/transport/errors/EventSinkError.js';
import { MalformedLineError } from '../../src/transport/errors/MalformedLineError.js';
import { UnexpectedFrameError } from '../../src/transport/errors/UnexpectedFrameError.js';
import { IrcWsTransport } from '../../src/transport/IrcWsTransport.js';
import {
  LOGIN,
  TOKEN,
  createHarness,
  credentialsFor,
  eventsNamed,
  startServer,
  waitUntil,
  type Harness,
} from './helpers.js';

let server: MockTwitchServer;
const harnesses: Harness[] = [];

function harness(options: Omit<Parameters<typeof createHarness>[0], 'url'> = {}): Harness {
  const created = createHarness({ url: server.url, ...options });
  harnesses.push(created);
  return created;
}

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((created) => created.transport.stop()));
  await server.stop();
});

describe('IrcWsTransport login', () => {
  it('requests the capabilities, logs in through the limiter and becomes ready', async () => {
    const { transport, events } = harness();
    await transport.start();

    expect(transport.status).toBe('ready');
    expect(eventsNamed(events, 'status').map((event) => event[1])).toEqual(['connecting', 'ready']);
    expect(eventsNamed(events, 'connect')).toHaveLength(1);
    expect(eventsNamed(events, 'ready')).toHaveLength(1);
    const [connection] = server.connections(LOGIN);
    expect(connection?.capabilities).toEqual(['commands', 'membership', 'tags'].map((name) => `twitch.tv/${name}`).sort());
    const lines = server.receivedLines(LOGIN);
    expect(lines.slice(0, 3)).toEqual([
      'CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership',
      `PASS oauth:${TOKEN}`,
      `NICK ${LOGIN}`,
    ]);
    expect(server.stats().violations).toEqual([]);
  });

  it('logs in anonymously as justinfan without a PASS', async () => {
    const { transport } = harness({ credentials: { login: 'justinfan12345', anonymous: true, token: null } });
    await transport.start();
    const lines = server.receivedLines('justinfan12345');
    expect(lines.some((line) => line.startsWith('PASS'))).toBe(false);
    expect(lines).toContain('NICK justinfan12345');
  });

  it('answers PING with a PONG that echoes the text', async () => {
    const { transport } = harness();
    await transport.start();
    server.send('PING :tmi.twitch.tv', LOGIN);
    await waitUntil(() => server.receivedLines(LOGIN).includes('PONG :tmi.twitch.tv'), 2_000, 'PONG');
    server.send('PING :something else', LOGIN);
    await waitUntil(() => server.receivedLines(LOGIN).includes('PONG :something else'), 2_000, 'PONG echo');
  });

  it('reports a CAP NAK as an error and keeps the connection', async () => {
    const { transport, errors } = harness();
    await transport.start();
    server.send(':tmi.twitch.tv CAP * NAK :twitch.tv/commands', LOGIN);
    await waitUntil(() => errors.length > 0, 2_000, 'error event');
    expect(CapabilityRejectedError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as CapabilityRejectedError).capabilities).toEqual(['twitch.tv/commands']);
    expect(transport.status).toBe('ready');
  });

  it('survives binary frames, garbage lines and throwing event handlers', async () => {
    let throwOnMessage = true;
    const { transport, errors, messages } = harness({
      sink: {
        message: () => {
          if (throwOnMessage) {
            throwOnMessage = false;
            throw new Error('listener bug');
          }
        },
      },
    });
    await transport.start();
    await transport.addChannels(['somechannel']);
    server.sendFrame(new Uint8Array([0xde, 0xad, 0xbe, 0xef]), LOGIN);
    server.send(['@badges=', '@a=b :prefix.only'], LOGIN);
    server.chat('somechannel', { login: 'viewer', text: 'first' });
    server.chat('somechannel', { login: 'viewer', text: 'second' });
    await waitUntil(() => messages.filter((message) => message.type === 'privmsg').length === 2, 2_000, 'two messages');

    expect(errors.some((error) => UnexpectedFrameError.isInstance(error))).toBe(true);
    expect(errors.filter((error) => MalformedLineError.isInstance(error))).toHaveLength(2);
    const sinkError = errors.find((error) => EventSinkError.isInstance(error));
    expect((sinkError as EventSinkError | undefined)?.event).toBe('message');
    expect(transport.status).toBe('ready');
    expect(server.connections(LOGIN)).toHaveLength(1);
  });
});

describe('IrcWsTransport authentication', () => {
  it('refreshes once, then fails with AuthenticationError, without logging the token', async () => {
    const badToken = 'badtoken0123456789secretvalue';
    const refreshedToken = 'stillbad9876543210secretvalue';
    const { transport, refreshCalls, logs, events } = harness({
      credentials: credentialsFor(badToken),
      refresh: () => Promise.resolve(credentialsFor(refreshedToken)),
    });
    const started = Date.now();
    const error = await transport.start().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(refreshCalls).toHaveLength(1);
    expect(transport.status).toBe('failed');
    await transport.exited;
    expect(eventsNamed(events, 'disconnect').at(-1)?.[1]).toEqual({ kind: 'authenticationFailed' });
    const logged = JSON.stringify(logs) + JSON.stringify(events.map((event) => String(event[1])));
    expect(logged).not.toContain(badToken);
    expect(logged).not.toContain(refreshedToken);
    expect(String(error)).not.toContain(badToken);
    // Exactly two login attempts: the first and the one retry; no storm.
    expect(server.stats().accounts[LOGIN]?.logins).toHaveLength(2);
  });

  it('fails at once when the token handler cannot refresh', async () => {
    const { transport, refreshCalls } = harness({ credentials: credentialsFor('nottherighttoken') });
    await expect(transport.start()).rejects.toSatisfy((error: unknown) => AuthenticationError.isInstance(error));
    expect(refreshCalls).toHaveLength(1);
    expect(server.stats().accounts[LOGIN]?.logins).toHaveLength(1);
  });

  it('logs in with the refreshed credentials', async () => {
    const { transport, refreshCalls } = harness({
      credentials: credentialsFor('expiredtoken'),
      refresh: () => Promise.resolve({ login: LOGIN, anonymous: false, token: new SecretToken(TOKEN) }),
    });
    await transport.start();
    expect(transport.status).toBe('ready');
    expect(refreshCalls).toHaveLength(1);
  });
});

describe('IrcWsTransport options', () => {
  it('refuses plain ws:// to a remote host and unknown options', () => {
    expect(() => createHarness({ url: 'ws://irc-ws.chat.twitch.tv:80' })).toThrow(InvalidOptionError);
    expect(() =>
      createHarness({ url: 'wss://irc-ws.chat.twitch.tv:443', options: { joinTimeout: 5 } as never }),
    ).toThrowError(/joinTimeout/);
    expect(() => createHarness({ url: 'wss://irc-ws.chat.twitch.tv:443', options: { joinTimeoutMs: 0 } })).toThrow(
      InvalidOptionError,
    );
  });

  it('declares the transport contract version', () => {
    expect(IrcWsTransport.contractVersion).toBe('tio.transport.v1');
  });

  it('rejects start() with StoppedError when stopped first', async () => {
    const { transport } = harness();
    await transport.stop();
    await expect(transport.start()).rejects.toSatisfy((error: unknown) => StoppedError.isInstance(error));
  });
});
