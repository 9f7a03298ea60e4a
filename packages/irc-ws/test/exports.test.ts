import { expect, it } from 'vitest';
import * as ircWs from '../src/index.js';

// The committed list of runtime exports: any API change shows up in review here.
const EXPECTED = [
  // protocol layer
  'ChatCommandError',
  'DEFAULT_CAPABILITIES',
  'DEFAULT_MAX_LINE_LENGTH',
  'InvalidIrcMessageError',
  'InvalidLoginError',
  'IrcInjectionError',
  'IrcLineSplitter',
  'MAX_LINE_LENGTH',
  'MAX_MESSAGE_LENGTH',
  'MessageTooLongError',
  'buildCapRequest',
  'buildJoin',
  'buildNick',
  'buildPart',
  'buildPass',
  'buildPing',
  'buildPong',
  'buildPrivmsg',
  'decodeTwitchMessage',
  'escapeTagValue',
  'isValidLogin',
  'normalizeChannelName',
  'parseIrcMessage',
  'serializeIrcMessage',
  'unescapeTagValue',
  // transport
  'CapabilityRejectedError',
  'DefaultIrcWsTransportOptions',
  'EventSinkError',
  'IrcWsTransport',
  'LoginTimeoutError',
  'MalformedLineError',
  'UnexpectedFrameError',
];

it('exports exactly the committed names', () => {
  expect(Object.keys(ircWs).sort()).toEqual([...EXPECTED].sort());
});
