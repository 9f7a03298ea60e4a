import { describe, expect, it } from 'vitest';
import { AccountLimiterRegistry, RateLimitPresets } from '../../src/index.js';

describe('AccountLimiterRegistry', () => {
  it('shares one limiter per login and keeps logins apart', () => {
    const registry = new AccountLimiterRegistry();
    expect(registry.get('Bot')).toBe(registry.get('bot'));
    expect(registry.get('bot')).not.toBe(registry.get('other'));
    expect(registry.logins).toEqual(['bot', 'other']);
  });

  it('gives anonymous readers one separate limiter without a room cap', () => {
    const registry = new AccountLimiterRegistry();
    const anonymous = registry.get(null);
    expect(anonymous).toBe(registry.get(null));
    expect(anonymous.anonymous).toBe(true);
    expect(anonymous.login).toBe('justinfan');
    expect(anonymous.limits.concurrentRooms).toBe(Number.POSITIVE_INFINITY);
    expect(anonymous).not.toBe(registry.get('justinfan'));
  });

  it('merges overrides over the bot level', () => {
    const registry = new AccountLimiterRegistry({ botLevel: 'verified', rateLimits: { join: { limit: 5 }, safetyMargin: 0.1 } });
    expect(registry.limits.join).toEqual({ limit: 5, windowMs: 10_000 });
    expect(registry.limits.messageUser).toEqual(RateLimitPresets.verified.messageUser);
    expect(registry.get('bot').limits.safetyMargin).toBe(0.1);
  });
});
