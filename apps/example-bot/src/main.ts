import { runDemo } from './demo/runDemo.js';
import { runTwitch } from './twitch/runTwitch.js';

/**
 * The example bot's entry point. With TWITCH_LOGIN, TWITCH_TOKEN and TWITCH_CHANNELS it joins real Twitch; without
 * them it runs the offline demo (DEMO_CHANNELS, DEMO_DURATION_MS, DEMO_RATE). Ctrl-C stops it gracefully; a second
 * Ctrl-C exits at once.
 */
function readNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got '${raw}'.`);
  return value;
}

async function main(): Promise<void> {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) {
      if (process.stdout.isTTY) process.stdout.write('\u001b[?25h\n');
      process.exit(130);
    }
    controller.abort();
  });
  process.on('SIGTERM', () => controller.abort());

  const { TWITCH_LOGIN: login, TWITCH_TOKEN: token, TWITCH_CHANNELS: channelList } = process.env;
  if (login !== undefined || token !== undefined || channelList !== undefined) {
    if (!login || !token || !channelList) {
      throw new Error('Set all of TWITCH_LOGIN, TWITCH_TOKEN and TWITCH_CHANNELS (comma-separated) for real Twitch, or none for the demo.');
    }
    const channels = channelList.split(',').map((channel) => channel.trim()).filter((channel) => channel !== '');
    await runTwitch({ login, token, channels, signal: controller.signal });
    return;
  }
  const channels = readNumber('DEMO_CHANNELS');
  const durationMs = readNumber('DEMO_DURATION_MS');
  const rate = readNumber('DEMO_RATE');
  const summary = await runDemo({
    signal: controller.signal,
    ...(channels === undefined ? {} : { channels: Math.round(channels) }),
    ...(durationMs === undefined ? {} : { durationMs }),
    ...(rate === undefined ? {} : { rate }),
  });
  if (!summary.stoppedCleanly) process.exitCode = 1;
}

main().then(
  // Nothing should be left running; exit anyway so a stray handle cannot keep the terminal waiting.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    if (process.stdout.isTTY) process.stdout.write('\u001b[?25h');
    console.error(error instanceof Error ? `error: ${error.message}` : error);
    process.exit(1);
  },
);
