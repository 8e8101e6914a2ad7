#!/usr/bin/env node
import { text } from 'node:stream/consumers';
import { runCli } from './main.js';

const io = {
  stdout: (s: string) => void process.stdout.write(s),
  stderr: (s: string) => void process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  readStdin: async () => (process.stdin.isTTY ? undefined : text(process.stdin)),
};

process.exitCode = await runCli(process.argv.slice(2), io);
