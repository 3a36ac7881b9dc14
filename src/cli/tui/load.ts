// The TUI's entry for the commands, loaded on demand: ink and React cost startup time the other commands should
// not pay, and React must see NODE_ENV before it loads (its development build is several times slower).
import type { runTui as RunTui } from './run-tui.js';

export async function loadTui(): Promise<typeof RunTui> {
  process.env.NODE_ENV ??= 'production';
  const { runTui } = await import('./run-tui.js');
  return runTui;
}
