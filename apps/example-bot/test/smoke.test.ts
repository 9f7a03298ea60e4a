import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runDemo } from '../src/demo/runDemo.js';

/** A writable the demo can draw on, as a pipe would be: not a TTY, so plain log lines. */
function captureOutput(): { write(text: string): boolean; text(): string } {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

it('joins 120 channels (20 past the room cap, as moderator), answers !ping and stops with 0 violations', async () => {
  const output = captureOutput();
  // 120 JOINs at the demo's 20 per 1.1 s take about 6 s; viewers type a command every 400 ms.
  const summary = await runDemo({ channels: 120, durationMs: 10_000, rate: 100, commandIntervalMs: 400, output });

  expect(summary.regularRooms).toBe(100);
  expect(summary.moderatedRooms).toBe(20);
  expect(summary.joined).toBe(120);
  expect(summary.joinFailures).toEqual({});
  expect(summary.allJoinedAfterMs).toBeLessThan(10_000);
  // 50 channels per shard at most: three shards, the initial channels split evenly.
  expect(summary.shards.map((row) => row.joined)).toEqual([40, 40, 40]);
  expect(summary.messages).toBeGreaterThan(0);

  // The mock received the bot's answer to a viewer's !ping, as a threaded reply, and delivered it.
  const pongs = summary.botMessages.filter((event) => /^pong \(\d+ ms\)$/.test(event.text));
  expect(pongs.length).toBeGreaterThan(0);
  expect(pongs[0]).toMatchObject({ outcome: 'delivered', clientTags: { 'reply-parent-msg-id': expect.any(String) } });
  expect(summary.botMessages.every((event) => event.outcome === 'delivered')).toBe(true);
  expect(summary.commandsAnswered).toBe(summary.sendsOk);
  expect(summary.sendsFailed).toBe(0);

  expect(summary.violations).toBe(0);
  expect(summary.violationList).toEqual([]);
  expect(summary.stoppedCleanly).toBe(true);

  // Not a TTY: plain lines, no cursor movement or colours, and the summary at the end.
  const text = output.text();
  expect(text).not.toContain('\u001b[');
  expect(text).toMatch(/!ping → pong \(\d+ ms\)/);
  expect(text).toContain('room cap: 100 rooms as a regular user');
  expect(text).toMatch(/channels joined {4}120\/120/);
  expect(text).toContain('violations         0');
});

it('runs as `node dist/main.js` with DEMO_* settings, prints the summary and exits with 0', async () => {
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, DEMO_CHANNELS: '40', DEMO_DURATION_MS: '5000', DEMO_RATE: '50' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toContain('40 channels');
  expect(stdout).toContain('summary');
  expect(stdout).toMatch(/channels joined {4}40\/40/);
  expect(stdout).toContain('violations         0');
  expect(stdout).toContain('stopped            cleanly');
});
