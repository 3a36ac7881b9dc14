// Child of bench/run.mjs: a capture of N k8s audit plugin events (plugin ID 1), the audit events of
// ../shared/k8s_audit repeated in file order, one millisecond apart, as `record --plugin-events` writes them.
// Usage: node bench/plugins-capture.mjs SHARED_K8S_AUDIT_DIR OUT N
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ScapFileWriter } from '../dist/scap/index.js';

const [dir, out, n] = process.argv.slice(2);
const total = Number(n);
const payloads = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
  const text = readFileSync(join(dir, f), 'utf8');
  let docs;
  try {
    docs = [JSON.parse(text)];
  } catch {
    docs = text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  }
  for (const d of docs) {
    const items = d.kind === 'EventList' ? d.items : [d];
    for (const e of items) if (e.kind === 'Event' || d.kind === 'EventList') payloads.push(Buffer.from(JSON.stringify(e)));
  }
}
const tmp = `${out}.tmp`;
const f = ScapFileWriter.open(tmp);
const w = f.writer;
w.writeSectionHeader();
w.writeMachineInfo({ numCpus: 2, hostname: 'bench' });
w.writeInterfaces([]);
w.writeUsers([], []);
w.writeProcesses([]);
let ts = 1_700_000_000_000_000_000n;
for (let i = 0; i < total; i++) {
  w.writeEvent({ ts, tid: -1, type: 322, params: [1, payloads[i % payloads.length]] });
  ts += 1_000_000n;
  if (i % 4096 === 0) await f.ready();
}
await f.close();
renameSync(tmp, out);
process.stdout.write(JSON.stringify({ events: total, distinct: payloads.length }) + '\n');
