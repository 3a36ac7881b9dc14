// Every key binding of the TUI, in one table: the key handler and the help screen (`?`) both read it.
import type { Key } from 'ink';
import type { Action, ScreenKind, TuiState } from './state.js';
import { current, reduce } from './state.js';

/** A key as the table names it: a printable character, or one of the named keys. */
export type KeyName = string;

export interface Binding {
  /** Keys that trigger the action (normalised names, see {@link keyName}). */
  readonly keys: readonly KeyName[];
  /** How the help screen shows the keys. */
  readonly label: string;
  readonly action: Action;
  readonly help: string;
  /** Screens where the binding applies (all when absent). */
  readonly screens?: readonly ScreenKind[];
}

export const KEYMAP: readonly Binding[] = [
  { keys: ['up', 'k'], label: '↑ k', action: { type: 'move', delta: -1 }, help: 'previous row' },
  { keys: ['down', 'j'], label: '↓ j', action: { type: 'move', delta: 1 }, help: 'next row' },
  { keys: ['pageup'], label: 'PgUp', action: { type: 'page', delta: -1 }, help: 'previous page' },
  { keys: ['pagedown', 'space'], label: 'PgDn Space', action: { type: 'page', delta: 1 }, help: 'next page' },
  { keys: ['home', 'g'], label: 'Home g', action: { type: 'first' }, help: 'first row' },
  { keys: ['end', 'G'], label: 'End G', action: { type: 'last' }, help: 'last row' },
  { keys: ['enter'], label: 'Enter', action: { type: 'fold', how: 'toggle' }, help: 'choose the rule, or fold/unfold the node', screens: ['explain'] },
  { keys: ['right'], label: '→', action: { type: 'fold', how: 'open' }, help: 'unfold the node', screens: ['explain'] },
  { keys: ['left'], label: '←', action: { type: 'fold', how: 'close' }, help: 'fold the node (back on a folded one)', screens: ['explain'] },
  { keys: ['enter', 'right'], label: 'Enter →', action: { type: 'open' }, help: 'open the selected row', screens: ['severities', 'rules', 'alerts', 'view', 'matches', 'picker', 'diffRules', 'diffAlerts'] },
  { keys: ['enter'], label: 'Enter', action: { type: 'open' }, help: 'set the time window to the bucket', screens: ['timeline'] },
  { keys: ['enter'], label: 'Enter', action: { type: 'open' }, help: 'centre on the selected event', screens: ['around'] },
  { keys: ['escape', 'backspace', 'left'], label: 'Esc ⌫ ←', action: { type: 'back' }, help: 'back one level' },
  { keys: ['s'], label: 's', action: { type: 'sort' }, help: 'sort rules by count, priority, name', screens: ['rules'] },
  { keys: ['s'], label: 's', action: { type: 'viewSort', reverse: false }, help: 'sort by the next column', screens: ['view'] },
  { keys: ['S'], label: 'S', action: { type: 'viewSort', reverse: true }, help: 'reverse the sort order', screens: ['view'] },
  { keys: ['v'], label: 'v', action: { type: 'pickView' }, help: 'pick a view: processes, files, connections, containers, event types, alerts' },
  { keys: ['t'], label: 't', action: { type: 'timeline' }, help: 'the timeline of alerts per severity' },
  { keys: ['['], label: '[', action: { type: 'window', how: 'start' }, help: 'start the time window at the bucket', screens: ['timeline'] },
  { keys: [']'], label: ']', action: { type: 'window', how: 'end' }, help: 'end the time window at the bucket', screens: ['timeline'] },
  { keys: ['c'], label: 'c', action: { type: 'windowClear' }, help: 'clear the time window' },
  { keys: ['/'], label: '/', action: { type: 'searchStart' }, help: 'search the visible list' },
  { keys: ['n'], label: 'n', action: { type: 'searchNext' }, help: 'next match' },
  { keys: ['a'], label: 'a', action: { type: 'around' }, help: 'events around this one', screens: ['event'] },
  { keys: ['t'], label: 't', action: { type: 'scope' }, help: 'thread, process or all events', screens: ['around'] },
  { keys: ['g'], label: 'g', action: { type: 'promptStart', kind: 'goto' }, help: 'go to an event number', screens: ['around'] },
  { keys: ['F'], label: 'F', action: { type: 'follow' }, help: 'follow the fd: reads and writes', screens: ['event', 'around'] },
  { keys: ['h'], label: 'h', action: { type: 'hex' }, help: 'data as text or hex', screens: ['follow'] },
  { keys: ['w'], label: 'w', action: { type: 'promptStart', kind: 'export' }, help: 'write visible alerts (JSON lines)', screens: ['severities', 'rules', 'alerts'] },
  { keys: ['W'], label: 'W', action: { type: 'promptStart', kind: 'capture' }, help: 'write the selection’s events as a capture (state kept)', screens: ['event', 'around', 'follow', 'view', 'matches', 'timeline'] },
  { keys: ['x'], label: 'x', action: { type: 'explain' }, help: 'explain the alert: why its rule and the others matched or not', screens: ['alerts', 'event'] },
  { keys: ['f'], label: 'f', action: { type: 'filterStart' }, help: 'filter the alerts with a Falco expression (Esc drops it)' },
  { keys: ['?'], label: '?', action: { type: 'help' }, help: 'show or hide this help' },
  { keys: ['q', 'ctrl+c'], label: 'q Ctrl-C', action: { type: 'quit' }, help: 'quit' },
];

/** The normalised name of a key ink reported. */
export function keyName(input: string, key: Key): KeyName | undefined {
  if (key.ctrl && input === 'c') return 'ctrl+c';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.backspace || key.delete) return 'backspace';
  if (key.tab || key.ctrl || key.meta) return undefined;
  if (input === ' ') return 'space';
  return input.length === 1 ? input : undefined;
}

/** Only printable text goes into the search prompt (a paste may carry escape sequences). */
const printable = (text: string): string => [...text].filter((c) => c >= ' ' && c !== '\x7f' && !(c >= '\x80' && c <= '\x9f')).join('');

/** The action a key press means in this state, if any. */
export function actionFor(s: TuiState, input: string, key: Key): Action | undefined {
  const name = keyName(input, key);
  if (s.filterEdit) {
    if (name === 'enter') return { type: 'filterCommit' };
    if (name === 'escape') return { type: 'filterCancel' };
    if (name === 'backspace') return { type: 'filterErase' };
    if (name === 'ctrl+c') return { type: 'quit' };
    if (key.ctrl || key.meta) return undefined;
    const text = printable(input);
    return text ? { type: 'filterInput', text } : undefined;
  }
  if (s.search.editing) {
    if (name === 'enter') return { type: 'searchCommit' };
    if (name === 'escape') return { type: 'searchCancel' };
    if (name === 'backspace') return { type: 'searchErase' };
    if (name === 'ctrl+c') return { type: 'quit' };
    if (key.ctrl || key.meta) return undefined;
    const text = printable(input);
    return text ? { type: 'searchInput', text } : undefined;
  }
  if (s.prompt) {
    if (name === 'enter') return { type: 'promptCommit' };
    if (name === 'escape') return { type: 'promptCancel' };
    if (name === 'backspace') return { type: 'promptErase' };
    if (name === 'ctrl+c') return { type: 'quit' };
    if (key.ctrl || key.meta) return undefined;
    const text = printable(input);
    return text ? { type: 'promptInput', text } : undefined;
  }
  if (name === undefined) return undefined;
  if (s.help) {
    // The help screen covers the lists: only closing it, or quitting, does anything.
    if (name === '?' || name === 'escape' || name === 'backspace' || name === 'left') return { type: 'help' };
    if (name === 'q' || name === 'ctrl+c') return { type: 'quit' };
    // The table may be longer than the screen: the moving keys scroll it.
    const move = KEYMAP.find((x) => x.keys.includes(name) && ['move', 'page', 'first', 'last'].includes(x.action.type));
    return move?.action;
  }
  const kind = current(s).kind;
  // A screen's own binding wins over a general one on the same key (`g`: first row, or go to an event).
  const b = KEYMAP.find((x) => x.keys.includes(name) && x.screens?.includes(kind)) ?? KEYMAP.find((x) => x.keys.includes(name) && !x.screens);
  return b?.action;
}

/** The bindings that apply on a screen (for the footer hints). */
export const bindingsFor = (kind: ScreenKind): Binding[] => KEYMAP.filter((b) => !b.screens || b.screens.includes(kind));

/** A key as it arrived, before the table turned it into an action. */
export interface KeyPress {
  readonly type: 'key';
  readonly input: string;
  readonly key: Key;
}

/**
 * The reducer the app runs: a key is looked up in the table against the state it lands on, not the state of the
 * last frame drawn, so keys typed faster than the screen redraws (a paste, tmux send-keys) act on the screen the
 * previous key opened.
 */
export function reduceWithKeys(s: TuiState, a: Action | KeyPress): TuiState {
  if (a.type !== 'key') return reduce(s, a);
  const action = actionFor(s, a.input, a.key);
  return action ? reduce(s, action) : s;
}
