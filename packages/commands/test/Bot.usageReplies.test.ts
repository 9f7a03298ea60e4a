import { afterEach, expect, it } from 'vitest';
import { arg, type BotCommandOptions } from '../src/index.js';
import { CHANNEL, OTHER_CHANNEL, startHarness, type Harness } from './support/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

it('forgets usage replies once their 30 s duplicate window has passed, so memory does not grow per channel forever', async () => {
  // The system clock, shifted on demand: the transport keeps real timers, the bot sees time pass.
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    setTimeout: (callback: () => void, delayMs: number) => setTimeout(callback, delayMs),
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  harness = await startHarness({ usageReplies: true, clock } as BotCommandOptions);
  const h = harness;
  h.bot.command({ name: 'give', args: { user: arg.user(), amount: arg.integer({ min: 1 }) }, run: () => undefined });

  await h.replyTo(await h.chat({ login: 'alice', text: '!give bob abc' }, CHANNEL));
  expect(h.bot.rememberedUsageReplies).toBe(1);
  offset += 10_000;
  await h.replyTo(await h.chat({ login: 'alice', text: '!give bob abc' }, OTHER_CHANNEL));
  expect(h.bot.rememberedUsageReplies).toBe(2);
  // Within CHANNEL's window: the same reply is still suppressed there (Twitch would call it a duplicate).
  await h.chat({ login: 'bob', text: '!give bob abc' }, CHANNEL);
  expect(h.sent).toHaveLength(2);

  // 30 s after the first reply, a reply in another channel prunes the first channel's entry.
  offset += 20_000;
  await h.replyTo(await h.chat({ login: 'alice', text: '!give bob 0' }, OTHER_CHANNEL));
  expect(h.bot.rememberedUsageReplies).toBe(1);
  // And after that window too, the next write leaves only itself.
  offset += 30_000;
  await h.replyTo(await h.chat({ login: 'alice', text: '!give bob abc' }, CHANNEL));
  expect(h.bot.rememberedUsageReplies).toBe(1);
  expect(h.sent).toHaveLength(4);
});
