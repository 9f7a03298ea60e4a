import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useMockTwitchServer } from '../src/vitest/index.js';
import { RawClient } from './helpers/RawClient.js';
import { trackClients } from './helpers/setup.js';

// Limits that close the connection are out of the way here: this test is about parsing, not budgets.
const server = useMockTwitchServer({ accounts: [{ login: 'mybot', token: 'secret' }], limits: { join: { count: 1_000_000, windowMs: 1 } } });
const track = trackClients();

const commands = ['JOIN', 'PART', 'PRIVMSG', 'CAP', 'PING', 'PONG', 'NOTICE', 'WHO', 'USER', 'MODE', '@a=b', ':x'];

describe('wire input never breaks the mock', () => {
  it('survives arbitrary client frames and still answers PING', async () => {
    const client = track(await RawClient.login(server().url, 'mybot', 'secret'));
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 200 }),
            fc.tuple(fc.constantFrom(...commands), fc.string({ maxLength: 80 })).map(([command, rest]) => `${command} ${rest}`),
            fc.constantFrom('JOIN #', 'JOIN ,,,#a,', 'PRIVMSG #a', 'PRIVMSG', 'PRIVMSG #a :/', 'PRIVMSG #a :/me', 'CAP REQ', '@;;= PRIVMSG #a :x'),
          ),
          { minLength: 1, maxLength: 5 },
        ).filter((lines) => !lines.some((line) => /\b(NICK|QUIT)\b/i.test(line))),
        async (lines) => {
          client.send(lines.join('\r\n'));
          const marker = `alive${round++}`;
          client.send(`PING ${marker}`);
          await client.next((line) => line.endsWith(`:${marker}`));
        },
      ),
      { numRuns: 60 },
    );
    expect(server().connections('mybot')).toHaveLength(1);
  });
});
