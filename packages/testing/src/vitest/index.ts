/**
 * `@tio/testing/vitest`: vitest lifecycle helpers around {@link MockTwitchServer}. The shard-manager conformance
 * suite will live here too.
 *
 * @packageDocumentation
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { MockTwitchServer } from '../MockTwitchServer.js';
import type { MockTwitchServerOptions } from '../MockTwitchServerOptions.js';

/**
 * Options of {@link useMockTwitchServer}.
 */
export interface UseMockTwitchServerOptions {
  /**
   * `'each'` starts a fresh server before every test and stops it after; `'all'` shares one server across the
   * file (or `describe` block).
   *
   * @defaultValue `'each'`
   */
  readonly scope?: 'each' | 'all';
}

/**
 * Registers vitest hooks that start a {@link MockTwitchServer} and stop it afterwards (leaving no open handle).
 * Call it at the top of a test file or inside a `describe`.
 *
 * @param options - the server's options, or a function building them per start (e.g. to read a fresh clock)
 * @param hookOptions - the hook scope
 * @returns an accessor for the running server; it throws when called outside a test
 * @example
 * ```ts
 * const server = useMockTwitchServer({ accounts: [{ login: 'mybot', token: 'secret' }] });
 * it('greets', async () => {
 *   const bot = await startMyBot(server().url);
 *   server().chat('channel', { login: 'viewer', text: '!hello' });
 *   await server().waitFor('privmsg', (event) => event.text.startsWith('Hello'));
 * });
 * ```
 */
export function useMockTwitchServer(
  options: MockTwitchServerOptions | (() => MockTwitchServerOptions) = {},
  hookOptions: UseMockTwitchServerOptions = {},
): () => MockTwitchServer {
  let current: MockTwitchServer | undefined;
  const start = async (): Promise<void> => {
    current = new MockTwitchServer(typeof options === 'function' ? options() : options);
    await current.start();
  };
  const stop = async (): Promise<void> => {
    const server = current;
    current = undefined;
    await server?.stop();
  };
  if ((hookOptions.scope ?? 'each') === 'all') {
    beforeAll(start);
    afterAll(stop);
  } else {
    beforeEach(start);
    afterEach(stop);
  }
  return () => {
    if (current === undefined) throw new Error('useMockTwitchServer(): the server only exists while a test runs');
    return current;
  };
}

export { describeShardManagerConformance } from './conformance/describeShardManagerConformance.js';
export type { ShardManagerConformanceOptions } from './conformance/ShardManagerConformanceOptions.js';
