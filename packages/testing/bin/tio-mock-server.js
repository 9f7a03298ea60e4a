#!/usr/bin/env node
// A committed launcher for the built CLI: package managers link `bin` entries at install time, before a workspace
// checkout has built `dist/`, so the bin must point at a file that already exists.
await import('../dist/cli.js');
