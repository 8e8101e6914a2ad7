import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { channelFor, OPERATION_NAMES, PROGRESS_CHANNEL } from '../../shared/api/operations.js';
import { buildBridge } from '../../electron/preload/bridge.js';

function fakeIpc() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    invoked,
    listeners,
    ipc: {
      invoke: async (channel: string, input: unknown) => (invoked.push([channel, input]), { ok: true, value: channel }),
      on: (channel: string, fn: (...args: unknown[]) => void) =>
        (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(fn),
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
    },
  };
}

describe('preload bridge', () => {
  it("exposes exactly the contract's named methods and nothing generic", async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = buildBridge(ipc as never) as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    assert.deepEqual(Object.keys(bridge).sort(), [...OPERATION_NAMES, 'onProgress'].sort());
    assert.equal('invoke' in bridge || 'send' in bridge || 'ipcRenderer' in bridge, false);
    assert.ok(Object.isFrozen(bridge));
    await bridge.detect!({ targets: 'a.example' });
    assert.deepEqual(invoked, [[channelFor('detect'), { targets: 'a.example' }]]);
  });
  it('progress listeners get the payload only, and can unsubscribe', () => {
    const { ipc, listeners } = fakeIpc();
    const bridge = buildBridge(ipc as never);
    const got: unknown[] = [];
    const off = bridge.onProgress((event) => got.push(event));
    const [forward] = [...listeners.get(PROGRESS_CHANNEL)!];
    forward!({ sender: 'electron internals' }, { type: 'detect-progress', done: 1 });
    assert.deepEqual(got, [{ type: 'detect-progress', done: 1 }]);
    off();
    assert.equal(listeners.get(PROGRESS_CHANNEL)!.size, 0);
  });
  it('the bundled preload is one file that requires only electron (as a sandboxed preload must)', () => {
    const code = readFileSync(new URL('../../dist/app/preload.cjs', import.meta.url), 'utf8');
    const required: string[] = [];
    const exposed: [string, Record<string, unknown>][] = [];
    const { ipc } = fakeIpc();
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push([name, api]) },
      ipcRenderer: ipc,
    };
    const sandbox = {
      require: (name: string) => (required.push(name), name === 'electron' ? electron : undefined),
      module: { exports: {} },
      exports: {},
    };
    vm.runInNewContext(code, sandbox);
    assert.deepEqual([...new Set(required)], ['electron']);
    assert.equal(exposed.length, 1);
    assert.equal(exposed[0]![0], 'caBridge');
    assert.deepEqual(Object.keys(exposed[0]![1]).sort(), [...OPERATION_NAMES, 'onProgress'].sort());
  });
});
