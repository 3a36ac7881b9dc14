// The components of the views, the filtered alert list, the view picker and the timeline.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { DiffAlertsBody, DiffRulesBody } from './diff-view.js';
import { grouped, type SafeText } from './model.js';
import { listHeight, priorityName, type TuiState } from './state.js';
import { bucketsIn } from './timeline.js';
import { countingNote, droppedNote, viewById } from './views.js';
import { pickerRows, rowsOfMatches, rowsOfView, timelineOf, type ViewScreen } from './views-state.js';
import { AlertLine, alertTimeWidth, H, Header, L, pcolour, Row, T, visible } from './view.js';

/** A cell that keeps one column free after its text, so neighbouring values never run together. */
function Cell(props: { width?: number; grow?: boolean; children: ReactNode }): ReactNode {
  return (
    <Box {...(props.width !== undefined ? { width: props.width, flexShrink: 0 } : {})} {...(props.grow ? { flexGrow: 1, flexShrink: 1 } : {})} overflow="hidden" paddingRight={1}>
      {props.children}
    </Box>
  );
}

/** The bar letter of each priority when there is no colour (Emergency … Debug). */
export const BAR_LETTERS = ['M', 'A', 'C', 'E', 'W', 'N', 'I', 'D'] as const;

type Of<K extends ViewScreen['kind']> = Extract<ViewScreen, { kind: K }>;

function ViewBody({ s, screen }: { s: TuiState; screen: Of<'view'> }): ReactNode {
  const v = viewById(screen.view);
  const rows = rowsOfView(s, screen);
  const note = droppedNote(s.data, v);
  const counting = countingNote(s.data);
  const height = listHeight(s) - (note ? 1 : 0) - (counting ? 1 : 0);
  return (
    <Box flexDirection="column">
      <Header s={s}>
        {v.columns.map((c, k) => {
          const mark = screen.sort.column === k ? (screen.sort.desc ? '▼' : '▲') : '';
          const title = c.numeric ? `${c.title}${mark}`.padStart(c.width - 2) : `${c.title}${mark}`;
          return c.width ? <H key={c.field} text={title} width={c.width} /> : <H key={c.field} text={title} grow />;
        })}
      </Header>
      {rows.length === 0 && (
        <Header s={s}>
          <T dim>{L(counting ? 'Nothing counted here yet.' : s.data.facts ? (s.window ? 'Nothing with alerts in the time window.' : 'Nothing here.') : 'This run kept no counts for the views.')}</T>
        </Header>
      )}
      {visible(rows, screen, height).map(({ row, i }) => (
        <Row key={row.key} s={s} selected={i === screen.cursor}>
          {v.columns.map((c, k) => (
            <Cell key={c.field} {...(c.width ? { width: c.width } : { grow: true })}>
              <T>{row.cells[k] ?? L('')}</T>
            </Cell>
          ))}
        </Row>
      ))}
      {note && (
        <Header s={s}>
          <T dim>{note}</T>
        </Header>
      )}
      {counting && (
        <Header s={s}>
          <T dim>{counting}</T>
        </Header>
      )}
    </Box>
  );
}

function MatchesBody({ s, screen }: { s: TuiState; screen: Of<'matches'> }): ReactNode {
  const rows = rowsOfMatches(s, screen.filters);
  const timeWidth = alertTimeWidth(s, rows, screen);
  const name = (id: number): SafeText => s.data.rules.find((r) => r.id === id)?.name ?? L(`rule ${id}`);
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <H text="Time" width={timeWidth} />
        <H text="Rule" width={22} />
        <H text="Process" width={21} />
        <H text="Output" grow />
      </Header>
      {rows.length === 0 && (
        <Header s={s}>
          <T dim>{L('No kept alert matches.')}</T>
        </Header>
      )}
      {visible(rows, screen, listHeight(s)).map(({ row, i }) => (
        <AlertLine key={row.index} s={s} row={row} selected={i === screen.cursor} timeWidth={timeWidth} processWidth={21} rule={{ name: name(row.ruleId), width: 22 }} gap />
      ))}
    </Box>
  );
}

const ABOUT: Readonly<Record<string, string>> = {
  processes: 'a tree by parent; alerts per process and per subtree',
  files: 'files and directories by name',
  connections: 'IPv4/IPv6 sockets by tuple',
  containers: 'container ids (host for none)',
  evttypes: 'event types (evt.type)',
  alerts: 'the alerts of the current filter',
};

function PickerBody({ s, screen }: { s: TuiState; screen: Of<'picker'> }): ReactNode {
  const rows = pickerRows(screen.filters);
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <H text="View" width={16} />
        <H text="Shows" grow />
      </Header>
      {visible(rows, screen, listHeight(s)).map(({ row, i }) => (
        <Row key={row.id} s={s} selected={i === screen.cursor}>
          <Cell width={16}>
            <T bold>{row.title}</T>
          </Cell>
          <Cell grow>
            <T>{L(ABOUT[row.id] ?? '')}</T>
          </Cell>
        </Row>
      ))}
    </Box>
  );
}

/** The bar of one bucket: one run of a priority's letter (or coloured block) per priority, scaled to `max`. */
export function barSegments(byPriority: readonly number[], max: number, width: number): { priority: number; length: number }[] {
  if (max <= 0) return [];
  const out: { priority: number; length: number }[] = [];
  byPriority.forEach((n, p) => {
    if (n > 0) out.push({ priority: p, length: Math.max(1, Math.round((n * width) / max)) });
  });
  // Rounding up small runs may overflow the width: take the excess from the longest runs.
  let over = out.reduce((a, b) => a + b.length, 0) - width;
  while (over > 0) {
    const longest = out.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.length <= 1) break;
    longest.length--;
    over--;
  }
  return out;
}

function TimelineBody({ s, screen }: { s: TuiState; screen: Of<'timeline'> }): ReactNode {
  const t = timelineOf(s.data);
  const marked = bucketsIn(t, s.window);
  const barWidth = Math.max(10, s.cols - 2 - 2 - 12 - 8 - 1);
  const present = new Set(t.buckets.flatMap((b) => b.byPriority.flatMap((n, p) => (n > 0 ? [p] : []))));
  const legend = [...present].sort((a, b) => a - b).map((p) => `${BAR_LETTERS[p] ?? '?'}=${priorityName(p)}`).join(' ');
  // The span is the first to the last event counted: it grows while the counts are taken.
  const counting = countingNote(s.data);
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <H text="  Offset" width={14} />
        <H text="Alerts" width={8} />
        <T dim>{L(` ${legend}`)}</T>
      </Header>
      {t.buckets.length === 0 && (
        <Header s={s}>
          <T dim>{L('No events yet.')}</T>
        </Header>
      )}
      {visible(t.buckets, screen, listHeight(s) - (counting ? 1 : 0)).map(({ row, i }) => (
        <Row key={i} s={s} selected={i === screen.cursor}>
          <Cell width={14}>
            <T bold={marked !== undefined && i >= marked.lo && i <= marked.hi}>{[L(marked && i >= marked.lo && i <= marked.hi ? '▌ ' : '  '), row.label]}</T>
          </Cell>
          <Cell width={8}>
            <T>{L(grouped(row.total).padStart(6))}</T>
          </Cell>
          <Cell grow>
            <Box>
              {barSegments(row.byPriority, t.max, barWidth).map((g) => (
                <T key={g.priority} color={pcolour(s, g.priority)}>
                  {L((s.color ? '█' : (BAR_LETTERS[g.priority] ?? '?')).repeat(g.length))}
                </T>
              ))}
            </Box>
          </Cell>
        </Row>
      ))}
      {counting && (
        <Header s={s}>
          <T dim>{counting}</T>
        </Header>
      )}
    </Box>
  );
}

/** The body of a view screen. */
export function ViewsBody({ s, screen }: { s: TuiState; screen: ViewScreen }): ReactNode {
  switch (screen.kind) {
    case 'view':
      return <ViewBody s={s} screen={screen} />;
    case 'matches':
      return <MatchesBody s={s} screen={screen} />;
    case 'picker':
      return <PickerBody s={s} screen={screen} />;
    case 'timeline':
      return <TimelineBody s={s} screen={screen} />;
    case 'diffRules':
      return <DiffRulesBody s={s} screen={screen} />;
    case 'diffAlerts':
      return <DiffAlertsBody s={s} screen={screen} />;
  }
}
