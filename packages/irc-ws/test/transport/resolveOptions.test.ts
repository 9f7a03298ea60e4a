import { InvalidOptionError, silentLogger } from '@tio/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DefaultIrcWsTransportOptions } from '../../src/transport/IrcWsTransportOptions.js';
import { resolveOptions } from '../../src/transport/resolveOptions.js';

describe('resolveOptions', () => {
  it('fills in every default', () => {
    const resolved = resolveOptions({}, silentLogger);
    expect(resolved).toMatchObject(DefaultIrcWsTransportOptions);
    expect(typeof resolved.webSocketConstructor).toBe('function');
  });

  it('accepts wss:// and loopback ws://, refuses other ws:// unless allowed', () => {
    for (const url of ['wss://irc-ws.chat.twitch.tv:443', 'ws://127.0.0.1:1234', 'ws://localhost:80', 'ws://[::1]:9']) {
      expect(resolveOptions({ url }, silentLogger).url).toBe(url);
    }
    expect(() => resolveOptions({ url: 'ws://irc-ws.chat.twitch.tv:80' }, silentLogger)).toThrow(InvalidOptionError);
    expect(() => resolveOptions({ url: 'http://example.com' }, silentLogger)).toThrow(InvalidOptionError);
    expect(() => resolveOptions({ url: 'not a url' }, silentLogger)).toThrow(InvalidOptionError);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    expect(resolveOptions({ url: 'ws://10.0.0.2:8080', allowInsecureUrl: true }, logger).url).toBe('ws://10.0.0.2:8080');
    expect(warnings).toHaveLength(1);
  });

  it('suggests the right name for a typo', () => {
    expect(() => resolveOptions({ joinTimeOutMs: 1 } as never, silentLogger)).toThrowError(/did you mean "joinTimeoutMs"/);
  });

  it('either resolves or throws InvalidOptionError, whatever the input', () => {
    const keys = [...Object.keys(DefaultIrcWsTransportOptions), 'webSocketConstructor', 'bogus'];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.anything(), fc.integer({ min: -10, max: 3_000_000_000 }))),
        (options) => {
          try {
            const resolved = resolveOptions(options as never, silentLogger);
            expect(resolved.joinTimeoutMs).toBeGreaterThanOrEqual(1);
            expect(resolved.maxReconnectDelayMs).toBeGreaterThanOrEqual(resolved.reconnectDelayMs);
          } catch (error) {
            expect(InvalidOptionError.isInstance(error)).toBe(true);
          }
        },
      ),
    );
  });
});
