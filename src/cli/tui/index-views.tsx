// The screens that read the capture again through the event index: events around an event, and follow fd.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SafeText } from './model.js';
import { followLines, listHeight, type Screen, type TuiState } from './state.js';

/** A label we wrote (never capture data). */
const L = (s: string): SafeText => s as SafeText;

function Line(props: { s: TuiState; selected: boolean; children: SafeText | readonly SafeText[]; bold?: boolean; color?: 'cyan' | 'green' | 'yellow' | undefined; dim?: boolean }): ReactNode {
  const text = Array.isArray(props.children) ? props.children.join('') : (props.children as string);
  return (
    <Box width={props.s.cols} height={1} overflow="hidden">
      <Text wrap="truncate-end" bold={props.bold ?? false} dimColor={props.dim ?? false} {...(props.color && props.s.color ? { color: props.color } : {})}>
        {`${props.selected ? '› ' : '  '}${text}`}
      </Text>
    </Box>
  );
}

function Loading({ s, what, error }: { s: TuiState; what: string; error: SafeText | undefined }): ReactNode {
  if (error !== undefined) {
    return (
      <Line s={s} selected={false} color="yellow">
        {[L(`${what}: not available: `), error]}
      </Line>
    );
  }
  return (
    <Line s={s} selected={false} dim>
      {L(s.canReread === false ? `${what}: not available (several captures: the event index covers one)` : `${what}: reading the capture…`)}
    </Line>
  );
}

export function AroundBody({ s, screen }: { s: TuiState; screen: Extract<Screen, { kind: 'around' }> }): ReactNode {
  const r = screen.result;
  const scopeText = screen.scope === 'all' ? 'all events' : screen.scope === 'thread' ? 'events of its thread' : 'events of its process';
  const head = r
    ? `Event ${screen.center}: ${scopeText} around it (${r.lines.length} shown, events ${r.scanned[0]}–${r.scanned[1]} read in ${Math.round(r.ms)} ms)`
    : `Event ${screen.center}: ${scopeText} around it`;
  const rows = r?.lines ?? [];
  const height = listHeight(s);
  return (
    <Box flexDirection="column">
      <Line s={s} selected={false} bold>
        {L(head)}
      </Line>
      {!r && <Loading s={s} what="events around" error={screen.error} />}
      {r && r.at < 0 && (
        <Line s={s} selected={false} dim>
          {L(`The capture has no event ${screen.center}.`)}
        </Line>
      )}
      {rows.slice(screen.top, screen.top + height).map((l, k) => (
        <Line key={l.num} s={s} selected={screen.top + k === screen.cursor} bold={l.num === screen.center}>
          {l.text}
        </Line>
      ))}
    </Box>
  );
}

export function FollowBody({ s, screen }: { s: TuiState; screen: Extract<Screen, { kind: 'follow' }> }): ReactNode {
  const r = screen.result;
  const t = screen.target;
  const head = `fd ${t.fd} of pid ${t.pid}${r && r.name ? ` (${r.name})` : ''}: reads and writes${r ? `, events ${r.scanned[0]}–${r.scanned[1]}` : ''}  [${screen.hex ? 'hex' : 'text'}]`;
  const rows = followLines(r, screen.hex);
  return (
    <Box flexDirection="column">
      <Line s={s} selected={false} bold>
        {L(head)}
      </Line>
      {!r && <Loading s={s} what="follow" error={screen.error} />}
      {rows.slice(screen.top, screen.top + listHeight(s)).map((l, k) => (
        <Line key={screen.top + k} s={s} selected={screen.top + k === screen.cursor} bold={l.kind === 'chunk'} dim={l.kind === 'note'} color={l.kind === 'note' ? undefined : l.write ? 'yellow' : 'cyan'}>
          {l.kind === 'data' ? [L('    '), l.text] : l.text}
        </Line>
      ))}
    </Box>
  );
}
