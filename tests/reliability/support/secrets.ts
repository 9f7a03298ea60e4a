import { expect } from 'vitest';
import { captureTexts, findSecrets, type Capture } from './harness.js';
import { recordFigures } from './report.js';

/**
 * Scenario 9 inside every other scenario: asserts that no token reached a log line (debug on), an event payload or an
 * error of the captured clients, and records how much was scanned.
 *
 * @param scenario - the scenario whose clients were captured
 * @param captures - their captures
 */
export function expectNoSecretsIn(scenario: number, captures: readonly Capture[]): void {
  const texts = captures.flatMap((capture) => captureTexts(capture));
  const leaks = findSecrets(texts);
  recordFigures({
    scenario: 9,
    case: `scan of scenario ${scenario}'s clients`,
    figures: {
      logLines: captures.reduce((sum, capture) => sum + capture.logs.length, 0),
      eventPayloads: captures.reduce((sum, capture) => sum + capture.eventCount, 0),
      errors: captures.reduce((sum, capture) => sum + capture.errors.length, 0),
      scannedKiB: Math.round(texts.reduce((sum, text) => sum + text.length, 0) / 1024),
      leaks: leaks.length,
    },
  });
  expect(leaks).toEqual([]);
}
