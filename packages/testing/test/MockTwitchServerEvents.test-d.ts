import { describe, expectTypeOf, it } from 'vitest';
import type { JoinEvent, MockTwitchServer, PrivmsgEvent, Violation } from '../src/index.js';

describe('MockTwitchServer events', () => {
  it('types listeners and waitFor by event name', () => {
    const server = {} as MockTwitchServer;
    expectTypeOf(server.waitFor<'violation'>).returns.toEqualTypeOf<Promise<Violation>>();
    expectTypeOf(server.waitFor<'join'>).returns.toEqualTypeOf<Promise<JoinEvent>>();
    expectTypeOf(server.on<'privmsg'>).parameter(1).toEqualTypeOf<(event: PrivmsgEvent) => void>();
    expectTypeOf<Violation['kind']>().toEqualTypeOf<'login' | 'join' | 'anonymousJoin' | 'privmsg' | 'channelMessage' | 'rooms'>();
  });
});
