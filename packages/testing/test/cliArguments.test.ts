import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from '../src/cliArguments.js';
import { RawClient } from './helpers/RawClient.js';

describe('parseCliArguments', () => {
  it('parses ports, accounts, channels, rate and seed', () => {
    expect(parseCliArguments(['--port', '6000', '--channel', '#a,b', '--account', 'bot:tok:mod', '--account=viewer:pw', '--chat-rate', '5', '--seed=3'])).toEqual({
      port: 6000,
      channels: ['a', 'b'],
      accounts: [
        { login: 'bot', token: 'tok', moderatorIn: ['a', 'b'] },
        { login: 'viewer', token: 'pw' },
      ],
      chatRate: 5,
      seed: 3,
      help: false,
    });
  });

  it.each([
    [['--port'], /--port needs a value/],
    [['--port', 'x'], /--port must be a non-negative number, got "x"/],
    [['--account', 'nologin'], /--account must be login:token/],
    [['--account', 'a:b:admin'], /--account must be login:token/],
    [['--bogus'], /unknown argument "--bogus"/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArguments(argv)).toThrow(message);
  });
});

describe('tio-mock-server', () => {
  // The launcher the `bin` entry points at, so the test runs the command exactly as a user's install does.
  const cli = fileURLToPath(new URL('../bin/tio-mock-server.js', import.meta.url));

  it('prints its URL, serves logins and stops on SIGINT (needs `build` first)', async () => {
    expect(existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url))), 'dist/cli.js is missing: run the build before the tests').toBe(true);
    const child = spawn(process.execPath, [cli, '--account', 'bot:tok:mod', '--channel', 'a', '--chat-rate', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ws:\/\/127\.0\.0\.1:\d+/.exec(output);
        if (match) resolve(match[0]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const client = await RawClient.login(url, 'bot', 'tok');
    client.send('JOIN #a');
    expect(await client.waitFor((line) => line.includes('USERSTATE #a'))).toContain('badges=moderator/1');
    await client.waitFor((line) => line.includes('PRIVMSG #a'));
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(output).toContain('stopped');
    await client.closed;
  });

  it('prints usage for --help and fails with exit code 2 on bad arguments', async () => {
    const run = (argv: string[]): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [cli, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', (code) => resolve({ code, out }));
      });
    expect(await run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage: tio-mock-server') });
    expect(await run(['--nope'])).toMatchObject({ code: 2, out: expect.stringContaining('unknown argument') });
  });
});
