// The live replay's progress frames: gated by wall time, CPU time and a stall bound, all three stretched by `pace`.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App, DATA_STALL_MS, type DataSource } from '../../../src/cli/tui/app.js';
import { fixedStore } from './fixture.js';

afterEach(() => cleanup());

/** A replay still running whose progress changes at every look; counts the snapshots the App takes (its frames). */
function runningStore(): DataSource & { snapshots: number } {
  const store = fixedStore({ done: false });
  let version = 0;
  const source = {
    snapshots: 0,
    done: false,
    get version(): number {
      return ++version;
    },
    snapshot() {
      source.snapshots++;
      return store.snapshot();
    },
  };
  return source;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('App progress frames', () => {
  it('draws a running replay at most once per stall bound of wall time when little CPU passes', async () => {
    const store = runningStore();
    render(<App store={store} color={false} interval={5} />);
    await pause(150);
    // The first snapshot is the initial state; 150 ms is far below the 2 s stall bound and 500 ms of CPU.
    expect(DATA_STALL_MS).toBeGreaterThan(150);
    expect(store.snapshots).toBe(1);
  });

  it('stretches the gates by pace: a hundredth of them draws a frame about every 20 ms', async () => {
    const store = runningStore();
    render(<App store={store} color={false} interval={5} pace={0.01} />);
    // Within a second: at pace 1 the 2 s stall bound allows no second frame in that time.
    await vi.waitFor(() => expect(store.snapshots).toBeGreaterThanOrEqual(3), { timeout: 1000, interval: 10 });
  });
});
