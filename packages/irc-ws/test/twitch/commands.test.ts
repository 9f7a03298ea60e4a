import { describe, expect, it } from 'vitest';
import { ChatCommandError } from '../../src/protocol/errors/ChatCommandError.js';
import { InvalidIrcMessageError } from '../../src/protocol/errors/InvalidIrcMessageError.js';
import { InvalidLoginError } from '../../src/protocol/errors/InvalidLoginError.js';
import { IrcInjectionError } from '../../src/protocol/errors/IrcInjectionError.js';
import { MessageTooLongError } from '../../src/protocol/errors/MessageTooLongError.js';
import {
  buildCapRequest,
  buildJoin,
  buildNick,
  buildPart,
  buildPass,
  buildPing,
  buildPong,
  buildPrivmsg,
} from '../../src/twitch/commands.js';
import { MAX_LINE_LENGTH, MAX_MESSAGE_LENGTH } from '../../src/twitch/limits.js';
import { isValidLogin, normalizeChannelName } from '../../src/twitch/loginNames.js';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('buildPrivmsg', () => {
  it('builds a message, a reply with client-nonce, and an action', () => {
    expect(buildPrivmsg('ronni', 'hello')).toBe('PRIVMSG #ronni :hello');
    expect(buildPrivmsg('#ronni', 'yes', { replyParentMessageId: 'abc-1', clientNonce: '0d16' })).toBe(
      '@reply-parent-msg-id=abc-1;client-nonce=0d16 PRIVMSG #ronni :yes',
    );
    expect(buildPrivmsg('ronni', 'waves', { action: true })).toBe('PRIVMSG #ronni :\u0001ACTION waves\u0001');
    expect(buildPrivmsg('ronni', '/me waves')).toBe('PRIVMSG #ronni :/me waves');
  });

  it('refuses CR, LF and NUL with IrcInjectionError', () => {
    for (const text of ['a\r\nJOIN #x', 'a\nb', 'a\rb', 'a\u0000b']) {
      const error = thrown(() => buildPrivmsg('ronni', text));
      expect(IrcInjectionError.isInstance(error)).toBe(true);
      expect((error as IrcInjectionError).code).toBe('IRC_INJECTION');
      expect((error as IrcInjectionError).position).toBe(1);
    }
    expect(IrcInjectionError.isInstance(thrown(() => buildPrivmsg('ronni', 'a', { clientNonce: 'x\ny' })))).toBe(true);
  });

  it('counts the 500-character limit in code points', () => {
    expect(MAX_MESSAGE_LENGTH).toBe(500);
    expect(buildPrivmsg('ronni', '👉'.repeat(500))).toHaveLength('PRIVMSG #ronni :'.length + 1000);
    const error = thrown(() => buildPrivmsg('ronni', 'a'.repeat(501)));
    expect(MessageTooLongError.isInstance(error)).toBe(true);
    expect((error as MessageTooLongError).length).toBe(501);
    expect((error as MessageTooLongError).limit).toBe(500);
  });

  it('refuses chat commands other than /me, but not text that merely starts with / or .', () => {
    for (const text of ['/ban someone', '.timeout x 10', '  /mod x', '/me', '/mention']) {
      const error = thrown(() => buildPrivmsg('ronni', text));
      expect(ChatCommandError.isInstance(error), text).toBe(true);
    }
    expect((thrown(() => buildPrivmsg('ronni', '/ban x')) as ChatCommandError).command).toBe('/ban');
    for (const text of ['...', '. ok', '/ hi', ':)', './run', '/1', '/me waves']) expect(buildPrivmsg('ronni', text)).toContain(text);
    expect(buildPrivmsg('ronni', '/ban x', { action: true })).toBe('PRIVMSG #ronni :\u0001ACTION /ban x\u0001');
  });

  it('refuses empty text, bad channels and bad tag values', () => {
    expect(InvalidIrcMessageError.isInstance(thrown(() => buildPrivmsg('ronni', '   ')))).toBe(true);
    expect(InvalidLoginError.isInstance(thrown(() => buildPrivmsg('Ronni', 'hi')))).toBe(true);
    expect(InvalidLoginError.isInstance(thrown(() => buildPrivmsg('##ronni', 'hi')))).toBe(true);
    expect(InvalidIrcMessageError.isInstance(thrown(() => buildPrivmsg('ronni', 'hi', { replyParentMessageId: 'a b' })))).toBe(true);
  });
});

describe('buildJoin / buildPart', () => {
  it('joins several channels in one line and accepts short logins', () => {
    expect(buildJoin(['ronni', '#dallas', 'a', 'abc'])).toEqual(['JOIN #ronni,#dallas,#a,#abc']);
    expect(buildPart(['ronni'])).toEqual(['PART #ronni']);
    expect(buildJoin([])).toEqual([]);
  });

  it('chunks so no line exceeds 4096 characters including CRLF', () => {
    const channels = Array.from({ length: 1000 }, (_, index) => `channel_${String(index).padStart(17, '0')}`);
    const lines = buildJoin(channels);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length + 2).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    expect(lines.flatMap((line) => line.slice(5).split(',').map((name) => name.slice(1)))).toEqual(channels);
  });

  it('refuses upper case and invalid names', () => {
    for (const channel of ['Ronni', '', '#', 'a b', 'x'.repeat(26), 'ä', 'a\r\n']) {
      expect(InvalidLoginError.isInstance(thrown(() => buildJoin([channel]))), channel).toBe(true);
    }
  });
});

describe('login and keepalive commands', () => {
  it('builds PASS, NICK, CAP REQ, PONG and PING', () => {
    expect(buildPass('abc')).toBe('PASS oauth:abc');
    expect(buildPass('oauth:abc')).toBe('PASS oauth:abc');
    expect(buildNick('justinfan12345')).toBe('NICK justinfan12345');
    expect(buildCapRequest()).toBe('CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership');
    expect(buildCapRequest(['twitch.tv/tags'])).toBe('CAP REQ :twitch.tv/tags');
    expect(buildPong()).toBe('PONG :tmi.twitch.tv');
    expect(buildPing()).toBe('PING');
    expect(buildPing('123')).toBe('PING :123');
  });

  it('refuses injection and malformed values', () => {
    expect(IrcInjectionError.isInstance(thrown(() => buildPass('abc\r\nJOIN #x')))).toBe(true);
    expect(InvalidIrcMessageError.isInstance(thrown(() => buildPass('a b')))).toBe(true);
    expect(InvalidIrcMessageError.isInstance(thrown(() => buildPass('')))).toBe(true);
    expect(InvalidLoginError.isInstance(thrown(() => buildNick('MyBot')))).toBe(true);
    expect(InvalidIrcMessageError.isInstance(thrown(() => buildCapRequest([])))).toBe(true);
    expect(IrcInjectionError.isInstance(thrown(() => buildPong('x\ny')))).toBe(true);
    expect(IrcInjectionError.isInstance(thrown(() => buildPing('\u0000')))).toBe(true);
  });
});

describe('channel names', () => {
  it('normalizeChannelName strips one #, lower-cases and validates', () => {
    expect(normalizeChannelName('#Ronni')).toBe('ronni');
    expect(normalizeChannelName('a')).toBe('a');
    expect(InvalidLoginError.isInstance(thrown(() => normalizeChannelName('#bad name')))).toBe(true);
    expect((thrown(() => normalizeChannelName('##x')) as InvalidLoginError).role).toBe('channel');
  });

  it('isValidLogin follows [a-z0-9_]{1,25}', () => {
    expect(isValidLogin('a')).toBe(true);
    expect(isValidLogin('x'.repeat(25))).toBe(true);
    expect(isValidLogin('x'.repeat(26))).toBe(false);
    expect(isValidLogin('')).toBe(false);
    expect(isValidLogin('A')).toBe(false);
  });
});
