#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { text } from 'node:stream/consumers';
import { runCli } from './main.js';

const io = {
  stdout: (s: string) => void process.stdout.write(s),
  stderr: (s: string) => void process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  readStdin: async () => (process.stdin.isTTY ? undefined : text(process.stdin)),
  // Only a person at a terminal is ever asked; a script or an MDM tool (no terminal) never is.
  ...(process.stdin.isTTY && process.stdout.isTTY
    ? {
        ask: async (question: string) => {
          const terminal = createInterface({ input: process.stdin, output: process.stdout });
          try {
            return await terminal.question(question);
          } finally {
            terminal.close();
          }
        },
      }
    : {}),
};

process.exitCode = await runCli(process.argv.slice(2), io);
