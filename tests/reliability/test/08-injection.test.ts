import { Client, SimpleTokenHandler, TioError, type ChatMessageEvent } from '@tio/core';
import { buildCapRequest, buildJoin, buildNick, buildPart, buildPass, buildPong, buildPrivmsg, IrcWsTransport, parseIrcMessage, serializeIrcMessage } from '@tio/irc-ws';
import { DistributedShardManager } from '@tio/shard-distributed';
import type { LineEvent, MockTwitchServer } from '@tio/testing';
import { afterAll, afterEach, expect, it } from 'vitest';
import { LOGIN, TOKEN, capturingLogger, createCapture, createClient, fastTransportOptions, scaledLimits, sleep, startServer, waitUntil, type Capture } from '../support/harness.js';
import { recordFigures } from '../support/report.js';
import { expectNoSecretsIn } from '../support/secrets.js';

// Scenario 8 (issue #6): every string a user hands to tio (channel names, message text, reply ids, logins, tokens,
// tags) is checked before it is written: CR, LF, NUL or an IRC separator where it would start a new command or
// parameter must give a typed error (a TioError), and nothing of it may reach the socket (asserted on every line the
// mock received). Seed bug S2 ("stripping of embedded CR/LF") is the model of what must not happen: silently altering.
const MARKER = 'INJECTED';
const CHANNEL = 'injectroom';

/** Payloads: the same attack through each separator. */
const BREAKS: Record<string, string> = {
  CR: `\r${MARKER}`,
  LF: `\n${MARKER}`,
  CRLF: `\r\nPRIVMSG #victim :${MARKER}`,
  NUL: `\u0000${MARKER}`,
};
const SEPARATORS: Record<string, string> = {
  space: ` ${MARKER}`,
  comma: `,${MARKER}`,
  colon: `:${MARKER}`,
  hash: `#${MARKER}`,
  at: `@${MARKER}`,
  semicolon: `;${MARKER}`,
  equals: `=${MARKER}`,
};

let server: MockTwitchServer | undefined;
const clients: Array<{ stop(): Promise<void> }> = [];
const captures: Capture[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop();
  await server?.stop();
});

afterAll(() => expectNoSecretsIn(8, captures));

interface Attempt {
  readonly field: string;
  readonly payload: string;
  readonly outcome: string;
  readonly typed: boolean;
}

/** Every error an attempt produced: scanned for tokens with the clients' captures (scenario 9). */
const thrown = createCapture();
captures.push(thrown);

async function attempt(field: string, payload: string, action: () => unknown): Promise<Attempt> {
  try {
    await action();
    return { field, payload, outcome: 'accepted', typed: false };
  } catch (error) {
    if (error instanceof Error) thrown.errors.push(error);
    return { field, payload, outcome: error instanceof Error ? error.name : String(error), typed: TioError.isInstance(error) };
  }
}

/**
 * The received lines an injection got into: the marker (or the victim channel) in the command, the prefix, a parameter
 * or a tag key. Inside a tag value it is escaped data (§3.1: `\:` `\s` `\r` `\n`), which is what escaping is for.
 */
function linesWithMarker(lines: readonly LineEvent[]): string[] {
  return lines
    .map((event) => event.line)
    .filter((line) => {
      if (!line.toUpperCase().includes(MARKER) && !/victim/i.test(line)) return false;
      const parsed = parseIrcMessage(line);
      if (!parsed.ok) return true;
      const outside = [parsed.command, parsed.prefix ?? '', ...parsed.params, ...[...parsed.tags.keys()]].join(' ');
      return outside.toUpperCase().includes(MARKER) || /victim/i.test(outside);
    });
}

it('injection through the Client API (channels, text, reply ids, send-as logins): typed errors, nothing reaches the socket', async () => {
  server = await startServer({ moderatorIn: [CHANNEL] });
  const lines: LineEvent[] = [];
  server.on('line', (event: LineEvent) => lines.push(event));
  const created = createClient(server, { initialChannels: [CHANNEL] });
  clients.push(created.client);
  captures.push(created.capture);
  const bot = created.client;
  await bot.start();
  const attempts: Attempt[] = [];

  for (const [kind, payload] of Object.entries({ ...BREAKS, ...SEPARATORS })) {
    const channel = `${CHANNEL}${payload}`;
    attempts.push(await attempt('join(channel)', kind, () => bot.join(channel)));
    attempts.push(await attempt('join([ok, channel])', kind, () => bot.join(['okchannel', channel])));
    attempts.push(await attempt('part(channel)', kind, () => bot.part(channel)));
    attempts.push(await attempt('send(channel)', kind, () => bot.send(channel, 'hello')));
    attempts.push(await attempt('send(as)', kind, () => bot.send(CHANNEL, 'hello', { as: `${LOGIN}${payload}` })));
  }
  for (const [kind, payload] of Object.entries(BREAKS)) {
    attempts.push(await attempt('send(text)', kind, () => bot.send(CHANNEL, `hello${payload}`)));
    attempts.push(await attempt('send(text) leading', kind, () => bot.send(CHANNEL, `${payload}`)));
  }
  // Chat commands: Twitch runs "/ban x" typed into chat; over IRC only /me is allowed (twitch-protocol.md §0.1, §5.16).
  for (const text of ['/ban victim', '/timeout victim 600', ' /ban victim', '/w victim hi']) {
    attempts.push(await attempt('send(text) chat command', JSON.stringify(text), () => bot.send(CHANNEL, text)));
  }

  // Reply ids come from the wire (the `id` tag, unescaped: `\r\n` in a tag value is CR LF, §3.1), and reach the
  // socket again as `reply-parent-msg-id` when the bot replies.
  const replies: Attempt[] = [];
  const hostileIds: Record<string, string> = {
    CRLF: `abc\\r\\nPRIVMSG\\s#victim\\s:${MARKER}`,
    LF: `abc\\n${MARKER}`,
    CR: `abc\\r${MARKER}`,
    NUL: `abc\u0000${MARKER}`,
    space: `abc\\s${MARKER}`,
    semicolon: `abc\\:${MARKER}=1`,
  };
  const handled: Array<Promise<void>> = [];
  bot.on('message', (message: ChatMessageEvent) => {
    const kind = /^hostile (\w+)$/.exec(message.text)?.[1];
    if (kind === undefined) return;
    handled.push(attempt('reply(id from the wire)', kind, () => message.reply('thanks')).then((result) => void replies.push(result)));
  });
  for (const [kind, id] of Object.entries(hostileIds)) {
    server.send(`@id=${id};room-id=1;user-id=2 :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #${CHANNEL} :hostile ${kind}`, LOGIN);
  }
  await waitUntil(() => handled.length === Object.keys(hostileIds).length, 3_000, 'every hostile message');
  await Promise.all(handled);
  attempts.push(...replies);

  // A valid message afterwards: the shard still sends, and the socket never carried the marker.
  await sleep(100);
  const sent = await bot.send(CHANNEL, 'still fine');
  const leaked = linesWithMarker(lines);
  // A reply id is a tag value: one with an IRC separator may be escaped instead of refused; CR, LF and NUL never pass.
  const accepted = attempts.filter((entry) => entry.outcome === 'accepted' && !(entry.field.startsWith('reply(') && !(entry.payload in BREAKS)));
  const escaped = attempts.filter((entry) => entry.outcome === 'accepted').length - accepted.length;
  const untyped = attempts.filter((entry) => entry.outcome !== 'accepted' && !entry.typed);
  const outcomes: Record<string, number> = {};
  for (const entry of attempts) outcomes[entry.outcome] = (outcomes[entry.outcome] ?? 0) + 1;
  recordFigures({
    scenario: 8,
    case: 'Client API on a live shard',
    figures: {
      attempts: attempts.length,
      'rejected with a TioError': attempts.filter((entry) => entry.typed).length,
      'rejected untyped': untyped.length,
      'accepted as an escaped tag value': escaped,
      accepted: accepted.length,
      'error types': JSON.stringify(outcomes),
      'lines the mock received': lines.length,
      'lines carrying an injected payload': leaked.length,
      'untyped or accepted (field/payload)': JSON.stringify([...untyped, ...accepted].map((entry) => `${entry.field}/${entry.payload}`)),
    },
  });
  expect(sent.messageId).toBeDefined();
  expect(leaked).toEqual([]);
  expect(accepted).toEqual([]);
  expect(untyped).toEqual([]);
});

it('injection through credentials and initial channels (logins, tokens): typed errors, nothing reaches the socket', async () => {
  server = await startServer();
  const lines: LineEvent[] = [];
  server.on('line', (event: LineEvent) => lines.push(event));
  const attempts: Attempt[] = [];
  const tryClient = async (field: string, kind: string, login: string, token: string, initialChannels: readonly string[] = []): Promise<void> => {
    const capture = createCapture();
    captures.push(capture);
    attempts.push(
      await attempt(field, kind, async () => {
        const client = new Client({
          tokenHandler: new SimpleTokenHandler({ login, token }),
          logger: capturingLogger(capture),
          transport: IrcWsTransport,
          transportOptions: fastTransportOptions(server!),
          shardManager: DistributedShardManager,
          initialChannels,
          rateLimits: scaledLimits(0.05),
        });
        clients.push(client);
        await client.start();
      }),
    );
  };
  for (const [kind, payload] of Object.entries({ ...BREAKS, ...SEPARATORS })) {
    await tryClient('login', kind, `${LOGIN}${payload}`, TOKEN);
    await tryClient('initialChannels', kind, LOGIN, TOKEN, ['fine', `bad${payload}`]);
  }
  for (const [kind, payload] of Object.entries({ ...BREAKS, space: ` ${MARKER}`, tab: `\t${MARKER}` })) {
    await tryClient('token', kind, LOGIN, `${TOKEN}${payload}`);
    await tryClient('token with oauth:', kind, LOGIN, `oauth:${TOKEN}${payload}`);
  }
  await sleep(100);
  const leaked = linesWithMarker(lines);
  const accepted = attempts.filter((entry) => entry.outcome === 'accepted');
  const untyped = attempts.filter((entry) => entry.outcome !== 'accepted' && !entry.typed);
  const outcomes: Record<string, number> = {};
  for (const entry of attempts) outcomes[entry.outcome] = (outcomes[entry.outcome] ?? 0) + 1;
  recordFigures({
    scenario: 8,
    case: 'credentials and initial channels',
    figures: {
      attempts: attempts.length,
      'rejected with a TioError': attempts.filter((entry) => entry.typed).length,
      'rejected untyped': untyped.length,
      accepted: accepted.length,
      'error types': JSON.stringify(outcomes),
      'lines the mock received': lines.length,
      'lines carrying an injected payload': leaked.length,
      'untyped or accepted (field/payload)': JSON.stringify([...untyped, ...accepted].map((entry) => `${entry.field}/${entry.payload}`)),
    },
  });
  expect(leaked).toEqual([]);
  expect(untyped).toEqual([]);
  expect(accepted).toEqual([]);
});

it('injection through the @tio/irc-ws builders and serializer (channels, text, reply ids, nonces, tags, params): typed errors', async () => {
  const attempts: Attempt[] = [];
  const produced: string[] = [];
  const altered: string[] = [];
  /**
   * Runs a builder. When it accepts, its line must parse back to one message whose `check` holds (the payload kept
   * whole, in its place): a separator inside a tag value or a trailing parameter is data, not an injection.
   */
  const run = async (field: string, kind: string, build: () => string | readonly string[], check: (message: Extract<ReturnType<typeof parseIrcMessage>, { ok: true }>) => boolean = () => false): Promise<void> => {
    attempts.push(
      await attempt(field, kind, () => {
        const result = build();
        for (const line of typeof result === 'string' ? [result] : result) {
          produced.push(line);
          const parsed = parseIrcMessage(line);
          if (!parsed.ok || !check(parsed)) altered.push(`${field}/${kind}: ${JSON.stringify(line)}`);
        }
      }),
    );
  };
  for (const [kind, payload] of Object.entries(BREAKS)) {
    await run('buildPrivmsg(text)', kind, () => buildPrivmsg(CHANNEL, `hi${payload}`));
    await run('buildPass(token)', kind, () => buildPass(`${TOKEN}${payload}`));
    await run('buildPong(argument)', kind, () => buildPong(`tmi.twitch.tv${payload}`));
    await run(
      'serializeIrcMessage(tag value)',
      kind,
      () => serializeIrcMessage({ tags: { key: `v${payload}` }, command: 'PRIVMSG', params: [`#${CHANNEL}`, 'hi'] }),
      (message) => message.tags.get('key') === `v${payload}` && message.params.length === 2,
    );
  }
  for (const [kind, payload] of Object.entries({ ...BREAKS, ...SEPARATORS })) {
    await run('buildPrivmsg(channel)', kind, () => buildPrivmsg(`${CHANNEL}${payload}`, 'hi'));
    await run(
      'buildPrivmsg(replyParentMessageId)',
      kind,
      () => buildPrivmsg(CHANNEL, 'hi', { replyParentMessageId: `abc${payload}` }),
      (message) => message.tags.get('reply-parent-msg-id') === `abc${payload}` && message.tags.size === 1 && message.params.join(' ') === `#${CHANNEL} hi`,
    );
    await run(
      'buildPrivmsg(clientNonce)',
      kind,
      () => buildPrivmsg(CHANNEL, 'hi', { clientNonce: `abc${payload}` }),
      (message) => message.tags.get('client-nonce') === `abc${payload}` && message.tags.size === 1 && message.params.join(' ') === `#${CHANNEL} hi`,
    );
    await run('buildJoin(channel)', kind, () => buildJoin([`${CHANNEL}${payload}`]));
    await run('buildPart(channel)', kind, () => buildPart([`${CHANNEL}${payload}`]));
    await run('buildNick(login)', kind, () => buildNick(`${LOGIN}${payload}`));
    await run(
      'buildCapRequest(capability)',
      kind,
      () => buildCapRequest([`twitch.tv/tags${payload}`]),
      (message) => message.command === 'CAP' && message.params.join(' ') === `REQ twitch.tv/tags${payload}`,
    );
    await run('serializeIrcMessage(tag key)', kind, () => serializeIrcMessage({ tags: { [`key${payload}`]: 'v' }, command: 'PRIVMSG', params: [`#${CHANNEL}`, 'hi'] }));
    // A generic IRC serializer: a comma is legal in a middle parameter (`JOIN #a,#b`); Twitch names are checked by the
    // builders above. It must still produce exactly the parameters it was given.
    await run(
      'serializeIrcMessage(middle param)',
      kind,
      () => serializeIrcMessage({ command: 'PRIVMSG', params: [`#${CHANNEL}${payload}`, 'hi'] }),
      (message) => message.params.length === 2 && message.params[0] === `#${CHANNEL}${payload}` && message.params[1] === 'hi',
    );
    await run(
      'serializeIrcMessage(leading middle param)',
      kind,
      () => serializeIrcMessage({ command: 'PRIVMSG', params: [`${payload}`, 'hi'] }),
      (message) => message.params.length === 2 && message.params[0] === payload && message.params[1] === 'hi',
    );
    await run('serializeIrcMessage(command)', kind, () => serializeIrcMessage({ command: `PRIVMSG${payload}`, params: [`#${CHANNEL}`, 'hi'] }));
  }
  // A tag value may carry any separator: it is escaped (§3.1), not refused. What matters is the line: one command.
  const breaking = produced.filter((line) => /[\r\n\0]/.test(line));
  const accepted = attempts.filter((entry) => entry.outcome === 'accepted');
  const untyped = attempts.filter((entry) => entry.outcome !== 'accepted' && !entry.typed);
  recordFigures({
    scenario: 8,
    case: '@tio/irc-ws builders and serializer',
    figures: {
      attempts: attempts.length,
      'rejected with a TioError': attempts.filter((entry) => entry.typed).length,
      'rejected untyped': untyped.length,
      'accepted, payload kept whole as data (escaped tag value, trailing or comma list)': accepted.length - altered.length,
      'accepted and altered the line structure': altered.length,
      'lines with CR/LF/NUL produced': breaking.length,
      'untyped or altering (field/payload)': JSON.stringify([...untyped.map((entry) => `${entry.field}/${entry.payload}`), ...altered]),
    },
  });
  expect(breaking).toEqual([]);
  expect(untyped).toEqual([]);
  expect(altered).toEqual([]);
});

it('no error message or log line carries a raw CR, LF or NUL from user input (log forging)', () => {
  // Runs last in this file: `thrown` holds every error the attempts above produced, and the captures their log lines.
  const breaking = (text: string): boolean => /[\r\n\0]/.test(text);
  const messages = thrown.errors.flatMap((error) => {
    const chain: string[] = [];
    for (let current: unknown = error; current instanceof Error && chain.length < 5; current = current.cause) chain.push(current.message);
    return chain;
  });
  const badMessages = messages.filter(breaking);
  const logLines = captures.flatMap((capture) => capture.logs.map((line) => line.split('\n')[0] ?? ''));
  const badLogLines = logLines.filter((line) => /[\r\0]/.test(line));
  recordFigures({
    scenario: 8,
    case: 'log forging: raw CR/LF/NUL echoed into error messages or log lines',
    figures: {
      'error messages checked (with causes)': messages.length,
      'with a raw CR, LF or NUL': badMessages.length,
      'log lines checked': logLines.length,
      'log lines with a raw CR or NUL': badLogLines.length,
      examples: JSON.stringify([...new Set([...badMessages, ...badLogLines].map((text) => text.slice(0, 80)))].slice(0, 6)),
    },
  });
  expect(badMessages).toEqual([]);
  expect(badLogLines).toEqual([]);
});
