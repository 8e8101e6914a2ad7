/**
 * Cancelling verify ends its tools for real: the tool and every helper it started (its whole process
 * group) are gone, not only the process verify started. The tool here is a stand-in `curl` that starts
 * a helper and waits; the test cancels once both are running (an event, not a sleep).
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkTools } from '../../electron/core/verify/tools.js';
import { runningInGroup, STALLING_TOOL, whenFileAppears } from '../helpers/process-group.js';
import { issue } from '../lab/pki.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-verify-cancel-'));
  await mkdir(path.join(dir, 'bin'));
  await mkdir(path.join(dir, 'marks'));
  await writeFile(path.join(dir, 'bin', 'curl'), STALLING_TOOL);
  await chmod(path.join(dir, 'bin', 'curl'), 0o755);
  // Verify reads the export (its negative control is built from it) before any tool runs.
  const ca = await issue({ subject: 'CN=Cancel Test CA', ca: true });
  await writeFile(path.join(dir, 'ca.pem'), ca.pem);
  await writeFile(path.join(dir, 'bundle.pem'), ca.pem);
});
after(() => rm(dir, { recursive: true, force: true }));

describe('cancelling verify', { skip: process.platform !== 'linux' && 'reads process groups from /proc' }, () => {
  // A generous limit: a tool left running would hold verify (and this test) for its 600 s.
  it('kills the running tool with its whole process group and skips the rest', { timeout: 60_000 }, async () => {
    const marks = path.join(dir, 'marks');
    const controller = new AbortController();
    const started = whenFileAppears(marks, 'pids');
    const checks = checkTools({
      target: { host: 'www.example.com', port: 443 },
      proxy: null,
      dial: null,
      files: { caPem: path.join(dir, 'ca.pem'), bundle: path.join(dir, 'bundle.pem') },
      // Far beyond the test: only the cancellation can end the tool.
      timeoutMs: 600_000,
      env: { PATH: path.join(dir, 'bin'), MARKS: marks },
      signal: controller.signal,
    });
    await started;
    const [toolPid, helperPid] = (await readFile(path.join(marks, 'pids'), 'utf8')).trim().split(' ').map(Number);
    // The two pids the tool wrote; its `mv` may still be finishing, so the group is not counted.
    const group = (await runningInGroup(toolPid!)).map((line) => Number(line.split(' ')[0]));
    assert.ok(
      group.includes(toolPid!) && group.includes(helperPid!),
      `the tool and its helper run in a group of their own: ${group.join(', ')}`,
    );
    controller.abort();
    const results = await checks;
    const curl = results.find((c) => c.name === 'curl');
    assert.deepEqual([curl?.result, curl?.error], ['skipped', 'cancelled before it finished']);
    // The helper too: it may stay a zombie until its new parent reaps it, but it no longer runs.
    assert.deepEqual(await runningInGroup(toolPid!), [], `process group ${toolPid} (tool ${toolPid}, helper ${helperPid}) still runs`);
  });
});
