import { watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/** Processes of a group that are still running (a zombie has ended; only its exit status is left). Linux: reads /proc. */
export async function runningInGroup(pgid: number): Promise<string[]> {
  const alive: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') alive.push(`${pid} ${state}`);
  }
  return alive;
}

/** Resolves when `name` appears in `folder` (an event, not a poll). */
export function whenFileAppears(folder: string, name: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(folder, (_event, file) => {
      if (file === name) {
        watcher.close();
        resolve();
      }
    });
    // A test that fails before the file appears must not be kept alive by the watcher (it would hang the run).
    watcher.unref();
  });
}

/**
 * A stand-in tool: it starts a helper that waits, writes "<its pid> <helper pid>" to $MARKS/pids (by rename,
 * so the file appears complete, with both already running), then waits for the helper.
 */
export const STALLING_TOOL =
  '#!/bin/sh\n/bin/sleep 600 &\necho "$$ $!" > "$MARKS/pids.tmp"\n/bin/mv "$MARKS/pids.tmp" "$MARKS/pids"\nwait\n';
