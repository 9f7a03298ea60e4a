import { WebSocket } from 'ws';
import { parseIrcLine, type IrcMessage } from '../../src/index.js';

// Captured at load so tests with fake timers still wait in real time.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Waits in real time, whatever fake timers are installed. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, ms));

/** All three Twitch capabilities. */
export const AllCapabilities = 'twitch.tv/commands twitch.tv/tags twitch.tv/membership';

/**
 * A minimal raw WebSocket IRC client for tests: reassembles lines across frames, records frames and lines, and
 * waits for lines.
 */
export class RawClient {
  readonly lines: string[] = [];
  readonly frames: Array<string | Buffer> = [];
  private buffer = '';
  private waiters: Array<{ predicate: (line: string) => boolean; resolve: (line: string) => void }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  private constructor(readonly socket: WebSocket) {
    this.opened = new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('error', () => {});
    socket.on('message', (data, isBinary) => {
      const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      if (isBinary) {
        this.frames.push(buffer);
        return;
      }
      const text = buffer.toString('utf8');
      this.frames.push(text);
      this.buffer += text;
      const parts = this.buffer.split('\r\n');
      this.buffer = parts.pop() ?? '';
      for (const line of parts) {
        if (line.length === 0) continue;
        this.lines.push(line);
        this.waiters = this.waiters.filter((waiter) => {
          if (!waiter.predicate(line)) return true;
          waiter.resolve(line);
          return false;
        });
      }
    });
  }

  static async connect(url: string): Promise<RawClient> {
    const client = new RawClient(new WebSocket(url));
    await client.opened;
    return client;
  }

  /** Connects, requests capabilities, logs in and waits for 376. */
  static async login(url: string, login: string, token?: string, capabilities = AllCapabilities): Promise<RawClient> {
    const client = await RawClient.connect(url);
    const lines = [];
    if (capabilities !== '') lines.push(`CAP REQ :${capabilities}`);
    if (token !== undefined) lines.push(`PASS oauth:${token}`);
    lines.push(`NICK ${login}`);
    client.send(lines.join('\r\n'));
    await client.waitFor((line) => / 376 /.test(line));
    return client;
  }

  send(frame: string): void {
    this.socket.send(frame);
  }

  /** Waits for a line (already received ones count) that matches. */
  waitFor(predicate: (line: string) => boolean | undefined, timeoutMs = 3000): Promise<string> {
    const seen = this.lines.find((line) => predicate(line) === true);
    if (seen !== undefined) return Promise.resolve(seen);
    return this.next(predicate, timeoutMs);
  }

  /** Waits for a new line that matches. */
  next(predicate: (line: string) => boolean | undefined, timeoutMs = 3000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = realSetTimeout(() => reject(new Error(`no matching line within ${timeoutMs} ms; got:\n${this.lines.join('\n')}`)), timeoutMs);
      this.waiters.push({
        predicate: (line) => predicate(line) === true,
        resolve: (line) => {
          realClearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  /** Parsed messages received so far with this command. */
  messages(command: string): IrcMessage[] {
    return this.lines.map((line) => parseIrcLine(line)).filter((message): message is IrcMessage => message?.command === command);
  }

  /** Resolves once nothing new arrived for `ms` (to assert silence). */
  async quiet(ms = 100): Promise<void> {
    let count = -1;
    while (count !== this.lines.length) {
      count = this.lines.length;
      await sleep(ms);
    }
  }

  close(): void {
    this.socket.terminate();
  }
}

export function tagsOf(line: string): Map<string, string | undefined> {
  return new Map(parseIrcLine(line)?.tags ?? []);
}
