#!/usr/bin/env node
import { runCli } from './runCli.js';

// Every failure ends in a message and an exit code, never an unhandled rejection: 2 for bad arguments or a taken
// port (see runCli), 1 for anything else.
runCli(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tio-mock-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
