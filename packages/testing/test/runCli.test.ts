import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MockTwitchServer } from '../src/index.js';
import { runCli } from '../src/runCli.js';

const servers: MockTwitchServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function takenPort(): Promise<number> {
  const holder = new MockTwitchServer();
  servers.push(holder);
  await holder.start();
  return holder.port;
}

function capture(): { stdout: { write(text: string): boolean }; stderr: { write(text: string): boolean }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: { write: (text) => out.push(text) > 0 }, stderr: { write: (text) => err.push(text) > 0 }, out, err };
}

describe('tio-mock-server', () => {
  it('exits with code 2 and a clear message when --port is already in use', async () => {
    const port = await takenPort();
    const output = capture();
    await expect(runCli(['--port', String(port)], output)).resolves.toBe(2);
    expect(output.err.join('')).toBe(
      `tio-mock-server: port ${port} on 127.0.0.1 is already in use; stop whatever listens there, or pick another port ` +
        'with --port (--port 0 picks a free one).\n',
    );
    expect(output.out).toEqual([]);
  });

  // The binary runs the built `dist/` (bin/tio-mock-server.js); turbo builds a package's dependencies, not the package
  // itself, before its tests, so on a fresh clone this check is reported as skipped, by name, until the first build.
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  it.skipIf(!existsSync(cli))('the built binary exits with code 2 instead of an unhandled rejection (needs dist/cli.js)', async () => {
    const port = await takenPort();
    const result = spawnSync(process.execPath, [cli, '--port', String(port)], { encoding: 'utf8', timeout: 10_000 });
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(result.stderr).not.toMatch(/Unhandled|at async|Error: listen/);
    expect(result.status).toBe(2);
  });

  it('exits with code 2 on bad arguments', async () => {
    const output = capture();
    await expect(runCli(['--port', 'x'], output)).resolves.toBe(2);
    expect(output.err.join('')).toMatch(/^tio-mock-server: /);
  });
});
