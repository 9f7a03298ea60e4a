import { AuthenticationError, type LogFields, type Logger } from '@tio/core';
import type { MockTwitchServer } from '@tio/testing';
import { afterEach, expect, it } from 'vitest';
import { LOGIN, createClient, startServer } from '../support/harness.js';

// Issue #4, scenario 6: a rejected token fails fast and loudly, is refreshed at most once, and is never logged.
const BAD_TOKEN = 'badtokenQ7x9vLk2mN4pR8sT1wY3zA';
const REFRESHED_BAD_TOKEN = 'refreshedbadJ5hG8fD2sA6qW9eR4t';

let server: MockTwitchServer | undefined;
let client: ReturnType<typeof createClient> | undefined;

afterEach(async () => {
  await client?.stop();
  await server?.stop();
});

interface LogLine {
  readonly level: string;
  readonly text: string;
}

/** Records every log line, debug included, as text (errors with their message and stack). */
function capturingLogger(lines: LogLine[]): Logger {
  const record =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      const text = `${message} ${JSON.stringify(fields ?? {}, (_key, value: unknown) =>
        value instanceof Error ? { name: value.name, message: value.message, stack: value.stack, cause: String(value.cause) } : value,
      )}`;
      lines.push({ level, text });
    };
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

async function expectBadTokenHandled(shardCount: number): Promise<void> {
  server = await startServer();
  const lines: LogLine[] = [];
  let refreshCalls = 0;
  client = createClient(server, {
    initialShardCount: shardCount,
    initialChannels: ['one', 'two', 'three'].slice(0, shardCount),
    token: BAD_TOKEN,
    refreshToken: async () => {
      refreshCalls++;
      return REFRESHED_BAD_TOKEN;
    },
    logger: capturingLogger(lines),
  });
  const startedAt = performance.now();
  let errorEventAt: number | undefined;
  const errorEvents: Error[] = [];
  client.on('error', (error) => {
    errorEvents.push(error);
    if (AuthenticationError.isInstance(error)) errorEventAt ??= performance.now() - startedAt;
  });

  const failure = await client.start().then(
    () => undefined,
    (error: unknown) => error,
  );
  const rejectedAfter = performance.now() - startedAt;

  expect(AuthenticationError.isInstance(failure)).toBe(true);
  expect(rejectedAfter).toBeLessThan(2_000);
  expect(errorEventAt).toBeDefined();
  expect(errorEventAt).toBeLessThan(2_000);
  expect(client.state).toBe('stopped');

  expect(lines.length).toBeGreaterThan(0);
  const everything = [
    ...lines.map((line) => line.text),
    ...[failure as Error, ...errorEvents].map((error) => `${error.message} ${error.stack ?? ''} ${String(error.cause)}`),
  ].join('\n');
  expect(everything).not.toContain(BAD_TOKEN);
  expect(everything).not.toContain(REFRESHED_BAD_TOKEN);
  // Checked last, so the checks above hold whatever the shard count. Each login attempt costs one of the account's
  // authentication slots (§4.4): the original and one retry with the refreshed token.
  expect({ refreshCalls, logins: server.stats().accounts[LOGIN]?.logins.length ?? 0 }).toEqual({
    refreshCalls: 1,
    logins: 2,
  });
}

it('a bad token rejects start() and emits error with AuthenticationError within 2 s, one refresh, no token in logs', async () => {
  await expectBadTokenHandled(1);
});

// Regression: N shards of one login with a bad token used to make N refresh calls and 2N authentication attempts; the
// account makes one refresh and two attempts, and every shard fails with AuthenticationError.
it('with three shards of the login, still one refresh and two attempts for the account', async () => {
  await expectBadTokenHandled(3);
});
