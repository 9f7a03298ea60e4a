import { afterAll, describe, expect, it } from 'vitest';
import { MockTwitchServer } from '../../src/index.js';
import { useMockTwitchServer } from '../../src/vitest/index.js';

describe('useMockTwitchServer (each)', () => {
  const server = useMockTwitchServer(() => ({ accounts: [{ login: 'bot', token: 'tok' }] }));
  const ports = new Set<number>();

  it('starts a fresh server before each test', () => {
    expect(server()).toBeInstanceOf(MockTwitchServer);
    ports.add(server().port);
  });

  it('and another one for the next test', () => {
    ports.add(server().port);
    expect(ports.size).toBe(2);
  });

  afterAll(() => {
    // After the last test the server is stopped and the accessor says so.
    expect(() => server()).toThrow(/only exists while a test runs/);
  });
});

describe('useMockTwitchServer (all)', () => {
  const server = useMockTwitchServer({}, { scope: 'all' });
  let first: MockTwitchServer | undefined;

  it('shares one server across the block', () => {
    first = server();
    expect(first.url).toMatch(/^ws:\/\/127\.0\.0\.1:/);
  });

  it('still the same', () => {
    expect(server()).toBe(first);
  });
});

