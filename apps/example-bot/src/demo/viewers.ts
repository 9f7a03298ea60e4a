import type { MockTwitchServer } from '@tio/testing';

const COMMANDS = ['!ping', '!shards', '!ping', '!uptime'] as const;

/**
 * Simulated viewers who type a command now and then in a channel the bot has joined: `!ping`, `!shards`, `!ping`,
 * `!uptime`, in turn, each from another viewer.
 *
 * @param server - The mock to inject the messages into.
 * @param joined - The channels the bot has joined so far (read at each tick).
 * @param intervalMs - Time between two commands.
 * @returns A function that stops them.
 */
export function startViewers(server: MockTwitchServer, joined: () => readonly string[], intervalMs: number): () => void {
  let turn = 0;
  const timer = setInterval(() => {
    const channels = joined();
    if (channels.length === 0) return;
    // Round the joined rooms in turn: a room sees a command again only after every other, well past the (scaled)
    // duplicate-message window of twitch-protocol.md §4.2 that would refuse an identical "pong".
    const channel = channels[turn % channels.length];
    const text = COMMANDS[turn % COMMANDS.length];
    if (channel === undefined || text === undefined) return;
    server.chat(channel, { login: `viewer_${turn % 50}`, text });
    turn++;
  }, intervalMs);
  return () => clearInterval(timer);
}
