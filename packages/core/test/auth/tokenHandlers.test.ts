import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AnonymousTokenHandler,
  InvalidOptionError,
  SecretToken,
  SimpleTokenHandler,
  createAnonymousCredentials,
} from '../../src/index.js';

const TOKEN_A = 'tokenaaaaaaaaaaaaaaaaaaaaaaaaa';
const TOKEN_B = 'tokenbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('SimpleTokenHandler', () => {
  it('serves one account as the default', async () => {
    const handler = new SimpleTokenHandler({ login: 'MyBot', token: `oauth:${TOKEN_A}`, userId: '7' });
    const credentials = await handler.getIrcToken(null);
    expect(credentials.login).toBe('mybot');
    expect(credentials.userId).toBe('7');
    expect(credentials.anonymous).toBe(false);
    expect(credentials.token?.reveal()).toBe(TOKEN_A);
    expect(await handler.getIrcToken('mybot')).toEqual(credentials);
  });

  it('serves several accounts, with a chosen default', async () => {
    const handler = new SimpleTokenHandler({
      accounts: [
        { login: 'one', token: TOKEN_A },
        { login: 'two', token: new SecretToken(TOKEN_B) },
      ],
      defaultLogin: 'two',
    });
    expect((await handler.getIrcToken(null)).login).toBe('two');
    expect((await handler.getIrcToken('ONE')).token?.reveal()).toBe(TOKEN_A);
    await expect(handler.getIrcToken('three')).rejects.toSatisfy((error) => InvalidOptionError.isInstance(error));
  });

  it('rejects bad options', () => {
    expect(() => new SimpleTokenHandler({ accounts: [] })).toThrow(InvalidOptionError);
    expect(() => new SimpleTokenHandler({ login: 'x', token: '' })).toThrow(InvalidOptionError);
    expect(() => new SimpleTokenHandler({ accounts: [{ login: 'x', token: TOKEN_A }], defaultLogin: 'y' })).toThrow(InvalidOptionError);
  });

  it('refreshes through the hook, or returns null without one', async () => {
    const plain = new SimpleTokenHandler({ login: 'bot', token: TOKEN_A });
    expect(await plain.refreshIrcToken(await plain.getIrcToken(null))).toBeNull();
    const refreshing = new SimpleTokenHandler({ login: 'bot', token: TOKEN_A, refreshToken: async () => TOKEN_B });
    const fresh = await refreshing.refreshIrcToken(await refreshing.getIrcToken(null));
    expect(fresh?.token?.reveal()).toBe(TOKEN_B);
    expect((await refreshing.getIrcToken(null)).token?.reveal()).toBe(TOKEN_B);
  });

  it('never shows a token in inspect, JSON or strings', async () => {
    const handler = new SimpleTokenHandler({ accounts: [{ login: 'one', token: TOKEN_A }, { login: 'two', token: TOKEN_B }] });
    const credentials = await handler.getIrcToken(null);
    const outputs = [inspect(handler, { depth: 10, showHidden: true }), inspect(credentials, { depth: 10 }), JSON.stringify(credentials), String(credentials.token), `${handler}`];
    for (const output of outputs) {
      expect(output).not.toContain(TOKEN_A);
      expect(output).not.toContain(TOKEN_B);
    }
    expect(outputs[0]).toContain("'one'");
  });

  // Found by the reliability suite (tests/reliability, scenario 8): a login with CR/LF or a space was accepted, the
  // PASS with the token went out, and the NICK failed as an AuthenticationError quoting the raw login.
  it('refuses a login that is not a Twitch login, or a token with whitespace, when constructed', () => {
    for (const login of ['bot\r\nJOIN #victim', 'bot\nx', 'bot x', 'bot,x', 'bot\u0000', 'a'.repeat(26), 'bot-x']) {
      expect(() => new SimpleTokenHandler({ login, token: 'sometoken' })).toThrow(InvalidOptionError);
      expect(() => new SimpleTokenHandler({ accounts: [{ login, token: 'sometoken' }] })).toThrow(InvalidOptionError);
    }
    for (const token of ['abc\r\nJOIN #victim', 'abc def', 'abc\u0000', 'oauth:abc\n']) {
      const error = (() => {
        try {
          new SimpleTokenHandler({ login: 'bot', token });
          return undefined;
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(InvalidOptionError.isInstance(error)).toBe(true);
      expect(error?.message).not.toContain('abc');
    }
    // Still accepted: any case, a leading #, short and long logins, underscores.
    for (const login of ['MyBot', '#bot', 'a', 'a'.repeat(25), 'tio_demo_bot']) {
      expect(() => new SimpleTokenHandler({ login, token: 'oauth:sometoken' })).not.toThrow();
    }
  });
});

describe('anonymous credentials', () => {
  it('uses justinfan and five digits, no token', async () => {
    const credentials = createAnonymousCredentials(() => 0.5);
    expect(credentials).toEqual({ login: 'justinfan55000', anonymous: true, token: null });
    expect(createAnonymousCredentials(() => 0).login).toBe('justinfan10000');
    expect(createAnonymousCredentials(() => 0.99999).login).toMatch(/^justinfan\d{5}$/);
    const handler = new AnonymousTokenHandler(() => 0.25);
    expect(await handler.getIrcToken(null)).toEqual({ login: 'justinfan32500', anonymous: true, token: null });
    expect(await handler.refreshIrcToken(await handler.getIrcToken(null))).toBeNull();
  });
});
