// Diff mode's screens: per-rule deltas, and the added / removed / changed alerts of a rule.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { diffEntries, entryAlert } from './diff-data.js';
import { listHeight, type TuiState } from './state.js';
import { diffRuleRows, type ViewScreen } from './views-state.js';
import { grouped } from './model.js';
import { Cell, H, Header, L, Row, T, visible } from './view.js';

const signed = (n: number): string => (n > 0 ? `+${grouped(n)}` : grouped(n));
const MARK_COLOUR = { '+': 'green', '-': 'red', '~': 'yellow' } as const;

export function DiffRulesBody({ s, screen }: { s: TuiState; screen: Extract<ViewScreen, { kind: 'diffRules' }> }): ReactNode {
  const d = s.data.diff;
  const rows = diffRuleRows(s.data);
  const t = d?.report?.totals;
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <H text="Priority" width={15} />
        <H text="    Base" width={10} />
        <H text="    Head" width={10} />
        <H text="   Delta" width={10} />
        <H text={t ? `Rule   (alerts +${t.added} -${t.removed} ~${t.changed})` : 'Rule'} grow />
      </Header>
      {d && !d.report && (
        <Header s={s}>
          <T dim>{[L('comparing '), d.labels.base, L(' with '), d.labels.head, L('…')]}</T>
        </Header>
      )}
      {visible(rows, screen, listHeight(s)).map(({ row, i }) => (
        <Row key={i} s={s} selected={i === screen.cursor}>
          <Cell width={15}>
            <T>{row.priority}</T>
          </Cell>
          <Cell width={10}>
            <T>{L(grouped(row.base).padStart(8))}</T>
          </Cell>
          <Cell width={10}>
            <T>{L(grouped(row.head).padStart(8))}</T>
          </Cell>
          <Cell width={10}>
            <T color={s.color && row.delta ? (row.delta > 0 ? 'green' : 'red') : undefined}>{L(signed(row.delta).padStart(8))}</T>
          </Cell>
          <Cell grow>
            <T bold={row.all === true}>{[row.rule, L(row.presence === 'head-only' ? '  (head only)' : row.presence === 'base-only' ? '  (base only)' : '')]}</T>
          </Cell>
        </Row>
      ))}
    </Box>
  );
}

export function DiffAlertsBody({ s, screen }: { s: TuiState; screen: Extract<ViewScreen, { kind: 'diffAlerts' }> }): ReactNode {
  const rows = s.data.diff ? diffEntries(s.data.diff, screen.rule) : [];
  const shown = visible(rows, screen, listHeight(s)).map(({ row, i }) => ({ row, i, alert: entryAlert(s.data, row) }));
  const timeWidth = Math.max(8, ...shown.map((x) => (x.alert?.time ?? x.row.time).length)) + 2;
  return (
    <Box flexDirection="column">
      <Header s={s}>
        <H text="±" width={2} />
        <H text="Time" width={timeWidth} />
        <H text="Process" width={18} />
        <H text="Output (~: what changed)" grow />
      </Header>
      {rows.length === 0 && (
        <Header s={s}>
          <T dim>{L(s.data.diff?.report ? 'No alert changed.' : 'The comparison is still running.')}</T>
        </Header>
      )}
      {shown.map(({ row, i, alert }) => (
        <Row key={i} s={s} selected={i === screen.cursor}>
          <Cell width={2}>
            <T bold color={s.color ? MARK_COLOUR[row.mark] : undefined}>{L(row.mark)}</T>
          </Cell>
          <Cell width={timeWidth}>
            <T>{alert?.time ?? row.time}</T>
          </Cell>
          <Cell width={18}>
            <T>{alert?.process ?? L('')}</T>
          </Cell>
          <Cell grow>
            <T>{row.mark === '~' ? [L('['), row.fields, L('] '), row.output] : row.output}</T>
          </Cell>
        </Row>
      ))}
    </Box>
  );
}
