import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { CANCEL_CHANNEL, channelFor, OPERATION_NAMES, PROGRESS_CHANNEL } from '../../shared/api/operations.js';
import { buildBridge } from '../../electron/preload/bridge.js';

function fakeIpc() {
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    invoked,
    sent,
    listeners,
    ipc: {
      invoke: async (channel: string, ...args: unknown[]) => (invoked.push([channel, ...args]), { ok: true, value: channel }),
      send: (channel: string, ...args: unknown[]) => void sent.push([channel, ...args]),
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
    assert.deepEqual(Object.keys(bridge).sort(), [...OPERATION_NAMES, 'onProgress', 'cancel'].sort());
    assert.equal('invoke' in bridge || 'send' in bridge || 'ipcRenderer' in bridge, false);
    assert.ok(Object.isFrozen(bridge));
    await bridge.detect!({ targets: 'a.example' });
    assert.deepEqual(invoked, [[channelFor('detect'), { targets: 'a.example' }]]);
  });
  it('a call the page names carries its id, and cancel sends that id on the cancel channel only', async () => {
    const { ipc, invoked, sent } = fakeIpc();
    const bridge = buildBridge(ipc as never);
    await bridge.verify({ dir: '/x' }, 'call-1234');
    bridge.cancel('call-1234');
    assert.deepEqual(invoked, [[channelFor('verify'), { dir: '/x' }, 'call-1234']]);
    assert.deepEqual(sent, [[CANCEL_CHANNEL, 'call-1234']]);
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
    assert.deepEqual(Object.keys(exposed[0]![1]).sort(), [...OPERATION_NAMES, 'onProgress', 'cancel'].sort());
  });
});
