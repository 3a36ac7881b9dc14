// The TUI's components: a pure function of TuiState. They lay out what the selectors give; all decisions
// (cursor, paging, sorting, what a key does) live in state.ts and keymap.ts.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { AroundBody, FollowBody } from './index-views.js';
import { bindingsFor, KEYMAP } from './keymap.js';
import { ViewsBody } from './views-view.js';
import { grouped, safe, type AlertRow, type IndexStatus, type RunProgress, type SafeText } from './model.js';
import { explainHeader, explainRows, type ExplainRow } from './explain.js';
import {
  filteredAlertRows,
  breadcrumb,
  current,
  eventLines,
  helpLayout,
  listHeight,
  priorityName,
  ruleRows,
  severityRows,
  alertCounts,
  type EventLine,
  type RuleRow,
  type Screen,
  type SeverityRow,
  type TuiState,
} from './state.js';

export type Colour = 'red' | 'yellow' | 'cyan' | 'green' | 'gray' | 'magenta';

export const PRIORITY_COLOURS: readonly Colour[] = ['magenta', 'magenta', 'red', 'red', 'yellow', 'cyan', 'green', 'gray'];

/** Text that may come from a capture or rules file: only SafeText is accepted, so it was escaped by the model. */
export function T(props: { children: SafeText | number | readonly (SafeText | number)[]; color?: Colour | undefined; bold?: boolean; inverse?: boolean; dim?: boolean }): ReactNode {
  const c = Array.isArray(props.children) ? props.children.join('') : String(props.children);
  return (
    <Text wrap="truncate-end" {...(props.color ? { color: props.color } : {})} bold={props.bold ?? false} inverse={props.inverse ?? false} dimColor={props.dim ?? false}>
      {c}
    </Text>
  );
}

/** A label we wrote (never capture data). */
export const L = (s: string): SafeText => s as SafeText;

export function Cell(props: { width?: number; grow?: boolean; gap?: boolean; children: ReactNode }): ReactNode {
  return (
    <Box {...(props.width !== undefined ? { width: props.width, flexShrink: 0 } : {})} {...(props.grow ? { flexGrow: 1, flexShrink: 1 } : {})} overflow="hidden" {...(props.gap ? { paddingRight: 1 } : {})}>
      {props.children}
    </Box>
  );
}

export const num = grouped;
export const right = (n: number, w: number): SafeText => L(num(n).padStart(w));
const human = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(1)}G` : n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(Math.round(n)));
const bytesText = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`);
const seconds = (ms: number): string => (ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`);

/** The progress line's text: events, bytes, events/s and ETA while running; totals when done. */
export function progressText(p: RunProgress, done: boolean, alerts: number): string {
  const rate = p.elapsedMs > 0 ? (p.events * 1000) / p.elapsedMs : 0;
  // A replay that stopped early (-M, damage) says how far into the captures it read.
  const extent = p.bytes < p.totalBytes ? `${bytesText(p.bytes)} of ${bytesText(p.totalBytes)}` : bytesText(p.totalBytes);
  if (done) return `done: ${num(p.events)} events, ${extent} in ${seconds(p.elapsedMs)} (${human(rate)} ev/s), ${num(alerts)} alert${alerts === 1 ? '' : 's'}`;
  const frac = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
  const eta = frac > 0 && p.elapsedMs > 0 ? seconds((p.elapsedMs * (1 - frac)) / frac) : '?';
  return `${(frac * 100).toFixed(0).padStart(3)}%  ${num(p.events)} events  ${bytesText(p.bytes)}/${bytesText(p.totalBytes)}  ${human(rate)} ev/s  ETA ${eta}`;
}

/** The index's read after the replay, while it runs: how far it is (it also counts the views' events). */
export function indexProgressText(ix: IndexStatus): string {
  const pct = ix.last > 0 ? Math.min(100, Math.floor((ix.events * 100) / ix.last)) : 0;
  // A percentage only: event numbers skip the enter events the reader merges, so they are not the event count.
  return `${ix.counting ? 'counting events for the views' : 'indexing'}: ${pct}%`;
}

function ProgressLine({ s }: { s: TuiState }): ReactNode {
  const d = s.data;
  const text = progressText(d.progress, d.done, d.total);
  if (d.done) {
    const ix = d.index;
    // A failed index read leads the line (it names the capture and the offset); a running one follows the totals.
    if (ix?.state === 'failed' && ix.message !== undefined) return <T color={s.color ? 'red' : undefined}>{[ix.message, L(` — ${text}`), ...(d.problem ? [L(' — '), d.problem] : [])]}</T>;
    const reading = ix?.state === 'reading' ? L(` — ${indexProgressText(ix)}`) : undefined;
    return <T color={s.color ? (d.problem ? 'red' : 'green') : undefined}>{[L(text), ...(d.problem ? [L(' — '), d.problem] : []), ...(reading ? [reading] : [])]}</T>;
  }
  const frac = d.progress.totalBytes > 0 ? Math.min(1, d.progress.bytes / d.progress.totalBytes) : 0;
  const width = Math.max(10, s.cols - text.length - 3);
  const filled = Math.round(frac * width);
  return <T>{L(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`)}</T>;
}

export function Row(props: { s: TuiState; selected: boolean; children: ReactNode }): ReactNode {
  return (
    <Box width={props.s.cols} height={1} overflow="hidden">
      <Cell width={2}>
        <T bold>{L(props.selected ? '›' : ' ')}</T>
      </Cell>
      {props.children}
    </Box>
  );
}

export const pcolour = (s: TuiState, p: number): Colour | undefined => (s.color ? PRIORITY_COLOURS[p] : undefined);

export function Header({ s, children }: { s: TuiState; children: ReactNode }): ReactNode {
  return (
    <Box width={s.cols} height={1} overflow="hidden">
      <Cell width={2}>
        <T>{L(' ')}</T>
      </Cell>
      {children}
    </Box>
  );
}

export const H = ({ text, width, grow }: { text: string; width?: number; grow?: boolean }): ReactNode => (
  <Cell {...(width !== undefined ? { width } : {})} {...(grow ? { grow } : {})}>
    <T bold>{L(text)}</T>
  </Cell>
);

export function visible<R>(rows: readonly R[], screen: Screen, height: number): { row: R; i: number }[] {
  return rows.slice(screen.top, screen.top + height).map((row, k) => ({ row, i: screen.top + k }));
}

function SeveritiesBody({ s, screen }: { s: TuiState; screen: Screen }): ReactNode {
  const counts = alertCounts(s);
  const rows: readonly SeverityRow[] = severityRows(s.data, counts);
  const height = listHeight(s);
  const live = ruleRows(s.data, 'all', 'priority', counts);
  const room = Math.max(0, height - rows.length - 2);
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <H text="Severity" width={18} />
        <H text="Alerts" width={10} />
        <H text=" Rules" width={8} />
      </Header>
      {visible(rows, screen, height).map(({ row, i }) => (
        <Row key={i} s={s} selected={i === screen.cursor}>
          <Cell width={18}>
            <T color={row.priority === 'all' ? undefined : pcolour(s, row.priority)} bold={row.priority === 'all'}>
              {row.label}
            </T>
          </Cell>
          <Cell width={10}>
            <T>{right(row.alerts, 6)}</T>
          </Cell>
          <Cell width={8}>
            <T>{right(row.rules, 6)}</T>
          </Cell>
        </Row>
      ))}
      {room > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Header s={s}>
            <H text="Priority" width={18} />
            <H text="Alerts" width={10} />
            <H text={`Rule (by severity${s.data.done ? '' : ', live'}${counts.partial ? '; of the kept alerts' : ''})`} grow />
          </Header>
          {live.length === 0 && (
            <Header s={s}>
              <T dim>{L(counts !== s.data ? 'No alert passes the filters.' : s.data.done ? 'No rule fired.' : 'No alerts yet.')}</T>
            </Header>
          )}
          {live.slice(0, room - 1).map((r) => (
            <Header key={r.id} s={s}>
              <Cell width={18}>
                <T color={pcolour(s, r.priority)}>{priorityName(r.priority)}</T>
              </Cell>
              <Cell width={10}>
                <T>{right(r.count, 6)}</T>
              </Cell>
              <Cell grow>
                <T>{r.name}</T>
              </Cell>
            </Header>
          ))}
        </Box>
      )}
    </Box>
  );
}

function RulesBody({ s, screen }: { s: TuiState; screen: Extract<Screen, { kind: 'rules' }> }): ReactNode {
  const counts = alertCounts(s);
  const rows: readonly RuleRow[] = ruleRows(s.data, screen.priority, screen.sort, counts);
  const mark = (k: string): string => (screen.sort === k ? '▼' : '');
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <H text={`Priority${mark('priority')}`} width={15} />
        <H text={`Alerts${mark('count')}`} width={10} />
        <H text={`Rule${mark('name')}`} grow />
      </Header>
      {rows.length === 0 && (
        <Header s={s}>
          <T dim>{L(counts !== s.data ? 'No alert passes the filters.' : 'No rule fired.')}</T>
        </Header>
      )}
      {visible(rows, screen, listHeight(s)).map(({ row, i }) => (
        <Row key={row.id} s={s} selected={i === screen.cursor}>
          <Cell width={15}>
            <T color={pcolour(s, row.priority)}>{priorityName(row.priority)}</T>
          </Cell>
          <Cell width={10}>
            <T>{right(row.count, 6)}</T>
          </Cell>
          <Cell grow>
            <T>{row.name}</T>
          </Cell>
        </Row>
      ))}
    </Box>
  );
}

/** The width of an alert list's time column: its longest time on screen, at least 8, and two of space. */
export const alertTimeWidth = (s: TuiState, rows: readonly AlertRow[], screen: { readonly top: number }): number =>
  Math.max(8, ...rows.slice(screen.top, screen.top + listHeight(s)).map((r) => r.time.length)) + 2;

/**
 * One alert of a list: time, the rule when the list mixes rules, process, output. With `gap`, each cell keeps
 * one column free after its text (as the views' tables do).
 */
export function AlertLine(props: { s: TuiState; row: AlertRow; selected: boolean; timeWidth: number; processWidth: number; rule?: { readonly name: SafeText; readonly width: number }; gap?: boolean }): ReactNode {
  const { s, row, rule } = props;
  const gap = props.gap === true;
  return (
    <Row s={s} selected={props.selected}>
      <Cell width={props.timeWidth} gap={gap}>
        <T>{row.time}</T>
      </Cell>
      {rule && (
        <Cell width={rule.width} gap={gap}>
          <T color={pcolour(s, row.priority)}>{rule.name}</T>
        </Cell>
      )}
      <Cell width={props.processWidth} gap={gap}>
        <T>{row.process}</T>
      </Cell>
      <Cell grow gap={gap}>
        <T>{row.output}</T>
      </Cell>
    </Row>
  );
}

function AlertsBody({ s, screen }: { s: TuiState; screen: Extract<Screen, { kind: 'alerts' }> }): ReactNode {
  const rows: readonly AlertRow[] = filteredAlertRows(s, screen.ruleId);
  const timeWidth = alertTimeWidth(s, rows, screen);
  const kept = s.data.ruleKept[screen.ruleId] ?? 0;
  const all = s.data.counts[screen.ruleId] ?? 0;
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <H text="Time" width={timeWidth} />
        <H text="Process" width={20} />
        <H text={kept < all ? `Output (${num(kept)} of ${num(all)} kept)` : 'Output'} grow />
      </Header>
      {visible(rows, screen, listHeight(s)).map(({ row, i }) => (
        <AlertLine key={row.index} s={s} row={row} selected={i === screen.cursor} timeWidth={timeWidth} processWidth={20} />
      ))}
    </Box>
  );
}

function EventLineView({ s, line }: { s: TuiState; line: EventLine }): ReactNode {
  switch (line.kind) {
    case 'heading':
      return <T bold color={s.color ? 'cyan' : undefined}>{line.text}</T>;
    case 'note':
      return <T dim>{[L('  '), line.text]}</T>;
    case 'field':
      return (
        <Box>
          <Cell width={28}>
            <T>{[L('  '), line.name]}</T>
          </Cell>
          <Cell grow>
            <T>{line.value}</T>
          </Cell>
        </Box>
      );
    case 'process':
      return <T bold={line.self}>{[L(`  ${line.depth === 0 ? '' : `${'   '.repeat(line.depth - 1)}└─ `}`), line.name, L(`[${line.pid}]  `), line.cmdline]}</T>;
    case 'fd':
      return <T bold={line.current}>{[L(`  ${String(line.fd).padStart(5)}  `), line.type, L('  '), line.name, L(line.current ? '   ◂ the event’s fd' : '')]}</T>;
  }
}

function EventBody({ s, screen }: { s: TuiState; screen: Extract<Screen, { kind: 'event' }> }): ReactNode {
  const lines = eventLines(s.data.eventOf(screen.alert));
  const row = s.data.alerts[screen.alert];
  const rule = row ? s.data.rules.find((r) => r.id === row.ruleId) : undefined;
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <T bold>{row && rule ? [row.time, L(' '), priorityName(row.priority), L(' '), rule.name] : L('')}</T>
      </Header>
      {visible(lines, screen, listHeight(s)).map(({ row: line, i }) => (
        <Row key={i} s={s} selected={i === screen.cursor}>
          <Cell grow>
            <EventLineView s={s} line={line} />
          </Cell>
        </Row>
      ))}
    </Box>
  );
}

const MARKS = { true: '✓', false: '✗', null: '·' } as const;

function ExplainRowView({ s, row }: { s: TuiState; row: ExplainRow }): ReactNode {
  const tint = (v: boolean | null): Colour | undefined => (!s.color || v === null ? undefined : v ? 'green' : 'red');
  switch (row.kind) {
    case 'heading':
      return <T bold color={s.color ? 'cyan' : undefined}>{row.text}</T>;
    case 'note':
      return <T dim>{[L('  '), row.text]}</T>;
    case 'rule':
      return (
        <T bold={row.selected}>
          {[L(row.selected ? '▶ ' : '  '), L(`${MARKS[String(row.matched) as 'true' | 'false']} `), row.name, L(row.matched ? '  matched' : '  not matched'), L(row.applies ? '' : '  (not evaluated by the replay)')]}
        </T>
      );
    case 'node':
      return (
        <Box>
          <Box flexShrink={0}>
            <T>{L(`${'  '.repeat(row.depth)}${row.foldable ? (row.folded ? '▸ ' : '▾ ') : '  '}`)}</T>
            <T color={tint(row.value)} bold={row.node !== undefined}>{L(row.node ? `${MARKS[String(row.value) as 'true' | 'false' | 'null']} ` : '  ')}</T>
          </Box>
          <T dim={row.value === null}>{row.text}</T>
        </Box>
      );
  }
}

function ExplainBody({ s, screen }: { s: TuiState; screen: Extract<Screen, { kind: 'explain' }> }): ReactNode {
  const rows = explainRows(screen.outcome, screen.rule, screen.collapsed);
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <T bold>{explainHeader(screen.outcome, s.data.alerts[screen.alert]?.evtNum)}</T>
      </Header>
      {visible(rows, screen, listHeight(s)).map(({ row, i }) => (
        <Row key={i} s={s} selected={i === screen.cursor}>
          <Cell grow>
            <ExplainRowView s={s} row={row} />
          </Cell>
        </Row>
      ))}
    </Box>
  );
}

/** The filter prompt: the expression, a caret under the column of its first problem, and the problem. */
function FilterBody({ s }: { s: TuiState }): ReactNode {
  const e = s.filterEdit ?? { text: '' };
  const prompt = 'filter: ';
  // The caret counts characters of the text as shown (escaped), up to the problem's offset.
  const shownBefore = e.error ? safe(e.text.slice(0, e.error.offset)).length : 0;
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <T bold>{L('Falco filter expression on the alerts\' events (macros and lists of the rules files can be used)')}</T>
      </Header>
      <Header s={s}>
        <T>{[L(prompt), safe(e.text), L('▏')]}</T>
      </Header>
      {e.error ? (
        <>
          <Header s={s}>
            <T color={s.color ? 'red' : undefined}>{L(`${' '.repeat(prompt.length + shownBefore)}^`)}</T>
          </Header>
          <Header s={s}>
            <T color={s.color ? 'red' : undefined}>{[L(`column ${e.error.offset + 1}: `), e.error.message]}</T>
          </Header>
        </>
      ) : (
        <Header s={s}>
          <T dim>{L(e.text.trim() ? 'valid' : 'e.g. proc.name in (shell_binaries) and not user.name = root')}</T>
        </Header>
      )}
    </Box>
  );
}

function HelpBody({ s }: { s: TuiState }): ReactNode {
  // Two columns when the table does not fit the height, scrolled by rows when even that does not fit.
  const height = Math.max(1, listHeight(s));
  const { columns, perColumn } = helpLayout(s);
  const top = s.helpTop ?? 0;
  const width = Math.floor((s.cols - 2) / columns);
  const labelWidth = columns === 1 ? 16 : 12;
  return (
    <Box flexDirection="column">
      <Header s={s}>
        {Array.from({ length: columns }, (_, c) => (
          <Cell key={c} width={width}>
            <H text="Key" width={labelWidth} />
            <H text="Action" grow />
          </Cell>
        ))}
      </Header>
      {Array.from({ length: Math.max(0, Math.min(perColumn - top, height)) }, (_, r) => (
        <Header key={r} s={s}>
          {Array.from({ length: columns }, (_, c) => {
            const b = KEYMAP[c * perColumn + top + r];
            return (
              <Box key={c} width={width} paddingRight={1} flexShrink={0} overflow="hidden">
                {b && (
                  <>
                    <Cell width={labelWidth}>
                      <T bold>{L(b.label)}</T>
                    </Cell>
                    <Cell grow>
                      <T>{L(b.screens ? `${b.help} (${b.screens.join(', ')})` : b.help)}</T>
                    </Cell>
                  </>
                )}
              </Box>
            );
          })}
        </Header>
      ))}
    </Box>
  );
}

const PROMPT_LABELS = { goto: 'go to event: ', export: 'write alerts to: ', capture: 'write capture to: ' } as const;

function Footer({ s }: { s: TuiState }): ReactNode {
  if (s.search.editing) return <T>{[L('/'), safe(s.search.query), L('▏  Enter find  Esc cancel')]}</T>;
  if (s.prompt) return <T>{[L(PROMPT_LABELS[s.prompt.kind]), safe(s.prompt.text), L('▏  Enter ok  Esc cancel')]}</T>;
  if (s.filterEdit) return <T dim>{L('Enter apply  Esc cancel')}</T>;
  if (s.notice !== undefined) return <T color={s.color ? 'yellow' : undefined}>{s.notice}</T>;
  if (s.help) return <T dim>{L(helpLayout(s).perColumn > listHeight(s) ? '? or Esc closes the help  ↑↓ PgUp PgDn scroll' : '? or Esc closes the help')}</T>;
  const kind = current(s).kind;
  const short: Record<string, string> = { move: '↑↓ move', open: 'Enter open', fold: 'Enter→← fold', back: 'Esc back', sort: 's sort', viewSort: 's sort', around: 'a around', scope: 't scope', follow: 'F follow fd', hex: 'h hex', searchStart: '/ search', explain: 'x explain', filterStart: 'f filter', help: '? help', quit: 'q quit' };
  const hints = bindingsFor(kind)
    .map((b) => short[b.action.type])
        // The around screen's Enter (centre on the row) is in the key table; its footer keeps `q quit` at 80 columns.
    .filter((h): h is string => h !== undefined && !(h === 'Esc back' && kind === 'severities') && !(h === 'Enter open' && kind === 'around'));
  return <T dim>{L([...new Set(hints)].join('  '))}</T>;
}

/** The whole screen for a state. */
export function TuiView({ s }: { s: TuiState }): ReactNode {
  const screen = current(s);
  const crumbs = breadcrumb(s);
  const totals = s.data.diff?.report?.totals;
  const status = totals ? `${num(totals.base)} → ${num(totals.head)} alerts` : s.data.done ? `${num(s.data.total)} alert${s.data.total === 1 ? '' : 's'}` : 'replaying…';
  let body: ReactNode;
  if (s.help) body = <HelpBody s={s} />;
  else if (s.filterEdit) body = <FilterBody s={s} />;
  else if (screen.kind === 'explain') body = <ExplainBody s={s} screen={screen} />;
  else if (screen.kind === 'severities') body = <SeveritiesBody s={s} screen={screen} />;
  else if (screen.kind === 'rules') body = <RulesBody s={s} screen={screen} />;
  else if (screen.kind === 'alerts') body = <AlertsBody s={s} screen={screen} />;
  else if (screen.kind === 'event') body = <EventBody s={s} screen={screen} />;
  else if (screen.kind === 'around') body = <AroundBody s={s} screen={screen} />;
  else if (screen.kind === 'follow') body = <FollowBody s={s} screen={screen} />;
  else body = <ViewsBody s={s} screen={screen} />;
  return (
    <Box flexDirection="column" width={s.cols} height={s.rows - 1} overflow="hidden">
      <Box width={s.cols} height={1}>
        <Cell grow>
          <T bold>{[L('falco-replay  '), s.data.title]}</T>
        </Cell>
        <Cell width={status.length + 1}>
          <T>{L(` ${status}`)}</T>
        </Cell>
      </Box>
      <Box width={s.cols} height={1} overflow="hidden">
        <T color={s.color ? 'cyan' : undefined}>{crumbs.flatMap((c, i) => (i === 0 ? [c] : [L(' › '), c]))}</T>
      </Box>
      <Box width={s.cols} height={1} overflow="hidden">
        <ProgressLine s={s} />
      </Box>
      <Box flexDirection="column" width={s.cols} height={listHeight(s) + 1} overflow="hidden">
        {body}
      </Box>
      <Box width={s.cols} height={1} overflow="hidden">
        <Footer s={s} />
      </Box>
    </Box>
  );
}
