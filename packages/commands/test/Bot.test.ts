import { afterEach, describe, expect, it } from 'vitest';
import { arg, type CommandDenial } from '../src/index.js';
import { CHANNEL, LOGIN, OTHER_CHANNEL, startHarness, type Harness } from './support/harness.js';

let harness: Harness | undefined;

async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

function denials(h: Harness): CommandDenial[] {
  return h.events.flatMap((event) => (event[0] === 'commandDenied' ? [event[1]] : []));
}

describe('Bot prefix commands (real sockets against the mock server)', () => {
  it('answers a command with a threaded reply, by name and alias, without regard to case', async () => {
    const h = await start();
    h.bot.command({ name: 'ping', aliases: ['p'], run: (ctx) => ctx.reply(`pong ${ctx.commandName}`) });

    const first = await h.chat({ login: 'alice', text: '!ping' });
    const reply = await h.replyTo(first);
    expect(reply).toMatchObject({ login: LOGIN, channel: CHANNEL, text: 'pong ping', outcome: 'delivered' });
    expect(reply.clientTags['reply-parent-msg-id']).toBe(first.id);

    const alias = await h.chat({ login: 'alice', text: '!P' });
    expect((await h.replyTo(alias)).text).toBe('pong P');
    const shouty = await h.chat({ login: 'alice', text: '!PiNg now' });
    expect((await h.replyTo(shouty)).text).toBe('pong PiNg');
    expect(h.events.map((event) => event[0])).toEqual(['commandRun', 'commandRun', 'commandRun']);
    expect(h.errors).toEqual([]);
  });

  it('ignores messages without the prefix, unknown commands and its own messages', async () => {
    const h = await start();
    h.bot.command({ name: 'ping', run: (ctx) => ctx.reply(`pong ${ctx.message.userLogin}`) });
    h.server.chat(CHANNEL, { login: 'alice', text: 'ping' });
    h.server.chat(CHANNEL, { login: 'alice', text: 'hello !ping' });
    h.server.chat(CHANNEL, { login: 'alice', text: '!unknown' });
    h.server.chat(CHANNEL, { login: 'alice', text: '! ping' });
    // The bot's own login: an echo from another connection of the same account (message.self).
    h.server.chat(CHANNEL, { login: LOGIN, text: '!ping' });
    const marker = await h.chat({ login: 'bob', text: '!ping' });
    expect((await h.replyTo(marker)).text).toBe('pong bob');
    expect(h.events).toHaveLength(1);
    expect(h.sent).toHaveLength(1);
  });

  it('supports several prefixes (longest first) and per-channel prefix functions', async () => {
    const h = await start({ prefix: (message) => (message.channel === CHANNEL ? ['!', '!!'] : '?') });
    h.bot.command({ name: 'where', run: (ctx) => ctx.reply(`${ctx.prefix} in ${ctx.channel}`) });
    h.bot.command({ name: '!where', run: (ctx) => ctx.reply('never: "!!" is the longer prefix') });
    const bang = await h.chat({ login: 'alice', text: '!!where' });
    expect((await h.replyTo(bang)).text).toBe(`!! in ${CHANNEL}`);
    const question = await h.chat({ login: 'alice', text: '?where' }, OTHER_CHANNEL);
    expect((await h.replyTo(question)).text).toBe(`? in ${OTHER_CHANNEL}`);
    h.server.chat(OTHER_CHANNEL, { login: 'alice', text: '!where' });
    const marker = await h.chat({ login: 'alice', text: '?where' }, OTHER_CHANNEL);
    await h.replyTo(marker);
    expect(h.sent).toHaveLength(3);
  });

  it('awaits an async prefix function, and reports a throwing one as a client error without stopping', async () => {
    const h = await start({
      prefix: async (message) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (message.userLogin === 'breaker') throw new Error('prefix lookup failed');
        return message.channel === CHANNEL ? '$' : undefined;
      },
    });
    h.bot.command({ name: 'cash', run: (ctx) => ctx.reply(`${ctx.prefix}${ctx.commandName}`) });
    h.server.chat(CHANNEL, { login: 'breaker', text: '$cash' });
    await expect.poll(() => h.errors.length).toBe(1);
    expect(h.errors[0]?.[0].message).toBe('prefix lookup failed');
    expect(h.errors[0]?.[1]).toEqual({ source: 'listener', event: 'message' });
    const message = await h.chat({ login: 'alice', text: '$cash' });
    expect((await h.replyTo(message)).text).toBe('$cash');
  });

  it('reads a command typed as a reply, past the "@Parent " mention Twitch puts first', async () => {
    const h = await start();
    h.bot.command({ name: 'again', run: (ctx) => ctx.reply(`again for ${ctx.user.login}: ${ctx.argsText}`) });
    const first = await h.chat({ login: 'alice', text: '!again one' });
    const botReply = await h.replyTo(first);
    const threaded = await h.chat({ login: 'bob', text: `@${LOGIN} !again two`, replyTo: botReply.id as string });
    expect((await h.replyTo(threaded)).text).toBe('again for bob: two');
  });

  it('gives ctx the message, channel, user and a plain send()', async () => {
    const h = await start();
    h.bot.command({
      name: 'whoami',
      run: async (ctx) => {
        expect(ctx.bot).toBe(h.bot);
        expect(ctx.command).toBe(h.bot.commands.get('whoami'));
        expect(ctx.message.text).toBe('!whoami  extra words ');
        expect(ctx.channelId).toBe(ctx.message.channelId);
        await ctx.send(`${ctx.user.displayName} (${ctx.user.id}) sub=${ctx.user.isSubscriber} in ${ctx.channel}: ${ctx.argsText}`);
      },
    });
    await h.chat({ login: 'alice', displayName: 'Alice', userId: '42', badges: 'subscriber/12', text: '!whoami  extra words ' });
    await expect.poll(() => h.sent.length).toBe(1);
    expect(h.sent[0]).toMatchObject({ channel: CHANNEL, text: `Alice (42) sub=true in ${CHANNEL}: extra words` });
    expect(h.sent[0]?.clientTags['reply-parent-msg-id']).toBeUndefined();
  });

  it('stops answering a removed command', async () => {
    const h = await start();
    h.bot.command({ name: 'temp', run: (ctx) => ctx.reply('temp') });
    h.bot.command({ name: 'ping', run: (ctx) => ctx.reply(`pong ${ctx.message.id}`) });
    await h.replyTo(await h.chat({ login: 'alice', text: '!temp' }));
    expect(h.bot.removeCommand('temp')).toBe(true);
    h.server.chat(CHANNEL, { login: 'alice', text: '!temp' });
    await h.replyTo(await h.chat({ login: 'alice', text: '!ping' }));
    expect(h.sent.map((event) => event.text.split(' ')[0])).toEqual(['temp', 'pong']);
  });

  it('answers Shared Chat copies only in the room they were typed in, unless told otherwise', async () => {
    const h = await start();
    h.bot.command({ name: 'ping', run: (ctx) => ctx.reply(`pong ${ctx.channel}`) });
    const sourceTags = { 'source-room-id': '1002', 'source-id': 'abc', 'source-badges': '', 'source-badge-info': '' };
    h.server.chat(CHANNEL, { login: 'alice', text: '!ping', tags: sourceTags });
    const original = await h.chat({ login: 'alice', text: '!ping', tags: sourceTags }, OTHER_CHANNEL);
    expect((await h.replyTo(original)).text).toBe(`pong ${OTHER_CHANNEL}`);
    expect(h.sent).toHaveLength(1);
    await h.stop();

    const all = await start({ sharedChat: 'all' });
    all.bot.command({ name: 'ping', run: (ctx) => ctx.reply(`pong ${ctx.channel}`) });
    const copy = await all.chat({ login: 'alice', text: '!ping', tags: sourceTags });
    expect((await all.replyTo(copy)).text).toBe(`pong ${CHANNEL}`);
  });
});

describe('Bot arguments', () => {
  const giveArgs = { user: arg.user(), amount: arg.integer({ min: 1 }), reason: arg.rest({ optional: true }) };

  it('passes typed arguments to the command', async () => {
    const h = await start();
    h.bot.command({
      name: 'give',
      args: giveArgs,
      run: (ctx) => ctx.reply(`${ctx.args.user} +${ctx.args.amount * 2 / 2} (${ctx.args.reason ?? 'no reason'})`),
    });
    const message = await h.chat({ login: 'alice', text: '!give @Bob 5 for "being nice" \u{E0000}' });
    expect((await h.replyTo(message)).text).toBe('bob +5 (for "being nice")');
  });

  it('reports usage errors as commandDenied, and stays quiet in chat by default', async () => {
    const h = await start();
    let ran = false;
    h.bot.command({ name: 'give', aliases: ['gift'], args: giveArgs, run: () => void (ran = true) });
    await h.chat({ login: 'alice', text: '!gift bob abc' });
    await h.chat({ login: 'alice', text: '!give' });
    expect(denials(h)).toEqual([
      {
        reason: 'usage',
        failure: { argument: 'amount', problem: 'invalid', value: 'abc', detail: "amount must be a whole number, got 'abc'" },
        usage: '!gift <user> <amount> [reason...]',
        message: "amount must be a whole number, got 'abc'. Usage: !gift <user> <amount> [reason...]",
      },
      expect.objectContaining({ reason: 'usage', message: 'user is missing. Usage: !give <user> <amount> [reason...]' }),
    ]);
    expect(ran).toBe(false);
    expect(h.sent).toEqual([]);
  });

  it('replies with the usage when usageReplies is on, once per channel while Twitch would call it a duplicate', async () => {
    const h = await start({ usageReplies: true });
    h.bot.command({ name: 'give', args: giveArgs, run: () => undefined });
    const first = await h.chat({ login: 'alice', text: '!give bob abc' });
    const reply = await h.replyTo(first);
    expect(reply.text).toBe("amount must be a whole number, got 'abc'. Usage: !give <user> <amount> [reason...]");
    expect(reply.clientTags['reply-parent-msg-id']).toBe(first.id);
    await h.chat({ login: 'bob', text: '!give bob abc' });
    const other = await h.chat({ login: 'bob', text: '!give bob 0' });
    expect((await h.replyTo(other)).text).toBe("amount must be at least 1, got '0'. Usage: !give <user> <amount> [reason...]");
    expect(h.sent).toHaveLength(2);
  });
});
