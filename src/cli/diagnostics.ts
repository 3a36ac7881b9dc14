// One-line text for a Diagnostic on stderr: `file: offset N: warning: message [CODE]`, notes indented below.
import { escapeControl, type Diagnostic } from '../common/index.js';

export function formatDiagnostic(d: Diagnostic): string {
  const where: string[] = [];
  if (d.location?.file) where.push(d.location.file);
  if (d.location?.line !== undefined) where.push(`${d.location.line}:${d.location.column ?? 1}`);
  else if (d.location?.offset !== undefined) where.push(`offset ${d.location.offset}`);
  const head = `${where.length ? where.join(': ') + ': ' : ''}${d.severity}: ${d.message} [${d.code}]`;
  const notes = (d.notes ?? []).map((n) => `\n  note: ${n}`).join('');
  return escapeControl(head) + escapeControl(notes, true);
}
