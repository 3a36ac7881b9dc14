// The TUI's entry for the commands, loaded on demand: ink and React cost startup time the other commands should
// not pay, and React must see NODE_ENV before it loads (its development build is several times slower).
import type { runTui as RunTui } from './run-tui.js';

export async function loadTui(): Promise<typeof RunTui> {
  process.env.NODE_ENV ??= 'production';
  // ink reads CI / CONTINUOUS_INTEGRATION once, when it loads, and then draws only the last frame, at exit.
  // The TUI only ever runs on a terminal (it refuses otherwise), where a CI variable left in a shell, or a test
  // driving a real terminal inside a CI job, must not blank the screen.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { runTui } = await import('./run-tui.js');
  return runTui;
}
