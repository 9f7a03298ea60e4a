import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  BaseTokenHandler,
  SimpleTokenHandler,
  TioError,
  TokenHandlerError,
  type IrcCredentials,
} from '../../src/index.js';
import { createTestClient, SECRET, settle } from '../support/testClient.js';

// Regression tests for a bug found by the reliability suite (tests/reliability, scenario 4): an exception from the
// user's token handler reached `error` listeners, and start(), as the handler's own untyped Error.
class BrokenVault extends BaseTokenHandler {
  override getIrcToken(): Promise<IrcCredentials> {
    return Promise.reject(new Error('vault unreachable'));
  }
}

describe('TokenHandlerError', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('states the method and the login, keeps the handler error as cause and out of the message', () => {
    const cause = new Error(`store said ${SECRET}`);
    const error = new TokenHandlerError('refreshIrcToken', 'bot', cause);
    expect(error.code).toBe('TOKEN_HANDLER_FAILED');
    expect(TioError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ method: 'refreshIrcToken', login: 'bot', cause });
    expect(error.message).toContain('refreshIrcToken()');
    expect(error.message).not.toContain(SECRET);
    expect(new TokenHandlerError('getIrcToken', 'bot\r\nfake', cause).message).not.toMatch(/[\r\n]/);
  });

  it('start() rejects with a TokenHandlerError when getIrcToken() throws', async () => {
    const { client } = createTestClient({ tokenHandler: new BrokenVault() });
    const error = await settle(client.start()).catch((caught: unknown) => caught);
    expect(TokenHandlerError.isInstance(error)).toBe(true);
    expect((error as TokenHandlerError).method).toBe('getIrcToken');
    expect(((error as Error).cause as Error).message).toBe('vault unreachable');
    expect(client.state).toBe('stopped');
  });

  it('a refreshIrcToken() that throws is reported once as a TokenHandlerError, then the shard fails with AuthenticationError', async () => {
    const { client } = createTestClient({
      tokenHandler: new SimpleTokenHandler({
        login: 'bot',
        token: SECRET,
        refreshToken: () => Promise.reject(new Error('vault unreachable')),
      }),
      twitch: { validTokens: new Set(['thegoodtoken']) },
    });
    const errors: Error[] = [];
    client.on('error', (error) => void errors.push(error));
    const failure = await settle(client.start()).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(failure)).toBe(true);
    for (const error of errors) expect(TioError.isInstance(error)).toBe(true);
    const fromHandler = errors.filter((error) => TokenHandlerError.isInstance(error));
    expect(fromHandler).toHaveLength(1);
    expect(fromHandler[0]).toMatchObject({ method: 'refreshIrcToken', login: 'bot' });
    expect((fromHandler[0]?.cause as Error).message).toBe('vault unreachable');
  });
});
