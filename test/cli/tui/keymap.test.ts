// The key table: one binding per key and screen, key names from ink's key events, modes (search, help).
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { actionFor, bindingsFor, keyName, KEYMAP } from '../../../src/cli/tui/keymap.js';
import { helpLayout, listHeight, reduce, type ScreenKind } from '../../../src/cli/tui/state.js';
import { fixedStore, stateOf } from './fixture.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false,
  hyper: false, capsLock: false, numLock: false,
};
const k = (over: Partial<Key>): Key => ({ ...NO_KEY, ...over });

describe('key table', () => {
  it('binds each key to at most one action on every screen', () => {
    for (const kind of ['severities', 'rules', 'alerts', 'event', 'view', 'matches', 'picker', 'timeline', 'diffRules', 'diffAlerts'] as ScreenKind[]) {
      const keys = bindingsFor(kind).flatMap((b) => b.keys);
      expect(new Set(keys).size, kind).toBe(keys.length);
    }
  });

  it('centres the events around on the selected event with Enter', () => {
    const around = stateOf(fixedStore(), { cols: 100, rows: 30 }, { type: 'open' }, { type: 'open' }, { type: 'open' }, { type: 'around' });
    expect(actionFor(around, '\r', k({ return: true }))).toEqual({ type: 'open' });
    // Only that binding has Enter there (the screen's own bindings win over the general ones).
    expect(KEYMAP.filter((b) => b.keys.includes('enter') && b.screens?.includes('around')).length).toBe(1);
  });

  it('has help text and a label for every binding', () => {
    for (const b of KEYMAP) {
      expect(b.help.length).toBeGreaterThan(3);
      expect(b.label.length).toBeGreaterThan(0);
    }
  });
});

describe('keyName', () => {
  it('names arrows, paging, Enter, Esc, Backspace, Ctrl-C and printable keys', () => {
    expect(keyName('', k({ upArrow: true }))).toBe('up');
    expect(keyName('', k({ pageDown: true }))).toBe('pagedown');
    expect(keyName('\r', k({ return: true }))).toBe('enter');
    expect(keyName('', k({ escape: true }))).toBe('escape');
    expect(keyName('', k({ delete: true }))).toBe('backspace');
    expect(keyName('c', k({ ctrl: true }))).toBe('ctrl+c');
    expect(keyName('G', k({ shift: true }))).toBe('G');
    expect(keyName(' ', NO_KEY)).toBe('space');
    expect(keyName('x', k({ meta: true }))).toBeUndefined();
  });
});

describe('actionFor', () => {
  const root = stateOf(fixedStore());

  it('maps keys through the table', () => {
    expect(actionFor(root, 'j', NO_KEY)).toEqual({ type: 'move', delta: 1 });
    expect(actionFor(root, '', k({ return: true }))).toEqual({ type: 'open' });
    expect(actionFor(root, '?', NO_KEY)).toEqual({ type: 'help' });
    expect(actionFor(root, 'q', NO_KEY)).toEqual({ type: 'quit' });
    expect(actionFor(root, 'z', NO_KEY)).toBeUndefined();
  });

  it('binds s only where it sorts', () => {
    expect(actionFor(root, 's', NO_KEY)).toBeUndefined();
    expect(actionFor(reduce(root, { type: 'open' }), 's', NO_KEY)).toEqual({ type: 'sort' });
  });

  it('sends keys to the search prompt while it is open, dropping control characters', () => {
    const s = reduce(root, { type: 'searchStart' });
    expect(actionFor(s, 'q', NO_KEY)).toEqual({ type: 'searchInput', text: 'q' });
    expect(actionFor(s, 'a\x1b[2Jb\x9bc', NO_KEY)).toEqual({ type: 'searchInput', text: 'a[2Jbc' });
    expect(actionFor(s, '', k({ return: true }))).toEqual({ type: 'searchCommit' });
    expect(actionFor(s, '', k({ escape: true }))).toEqual({ type: 'searchCancel' });
    expect(actionFor(s, '', k({ backspace: true }))).toEqual({ type: 'searchErase' });
    expect(actionFor(s, 'c', k({ ctrl: true }))).toEqual({ type: 'quit' });
  });

  it('only scrolls, closes the help or quits while the help is shown', () => {
    const s = reduce(root, { type: 'help' });
    expect(actionFor(s, 'v', NO_KEY)).toBeUndefined();
    expect(actionFor(s, 'j', NO_KEY)).toEqual({ type: 'move', delta: 1 });
    // At 80×24 the table fits in two columns: nothing to scroll.
    expect(helpLayout(s).columns).toBe(2);
    expect(reduce(reduce(s, { type: 'last' }), { type: 'move', delta: 1 }).helpTop).toBe(0);
    // On a short terminal even two columns are too tall: moving scrolls them, within their length.
    const short = reduce(s, { type: 'resize', cols: 80, rows: 12 });
    const rows = helpLayout(short).perColumn;
    expect(rows).toBeGreaterThan(listHeight(short));
    const scrolled = reduce(reduce(short, { type: 'last' }), { type: 'move', delta: 1 });
    expect(scrolled.helpTop).toBe(rows - listHeight(short));
    expect(reduce(scrolled, { type: 'first' }).helpTop).toBe(0);
    expect(actionFor(s, '', k({ escape: true }))).toEqual({ type: 'help' });
    expect(actionFor(s, 'q', NO_KEY)).toEqual({ type: 'quit' });
  });
});
