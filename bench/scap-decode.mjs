// Child process of bench/run.mjs: decode a capture fully and report speed and peak RSS as JSON.
// Usage: node bench/scap-decode.mjs FILE MODE   (MODE: header | full | strings | converted)
import { readCaptureFile, PT } from '../dist/scap/index.js';

const [file, mode = 'full'] = process.argv.slice(2);
let sink = 0;
const handler = {
  event(e) {
    sink += e.tid + e.cpu + e.tsLo;
    if (mode === 'header') return;
    const n = Math.min(e.nparams, e.tableParamCount);
    for (let i = 0; i < n; i++) {
      const t = e.paramType(i);
      switch (t) {
        case PT.CHARBUF:
        case PT.FSPATH:
        case PT.FSRELPATH:
          if (mode === 'strings') sink += (e.paramString(i) ?? '').length;
          else sink += e.paramLength(i) + e.paramOffset(i);
          break;
        case PT.BYTEBUF:
        case PT.CHARBUFARRAY:
          sink += e.paramLength(i) + e.paramOffset(i);
          break;
        case PT.SOCKADDR:
          if (e.paramLength(i)) sink += e.paramSockaddr(i)?.family ?? 0;
          break;
        case PT.SOCKTUPLE:
          if (e.paramLength(i)) sink += e.paramSocktuple(i)?.family ?? 0;
          break;
        case PT.FDLIST:
          sink += e.paramFdList(i)?.length ?? 0;
          break;
        default:
          sink += e.paramInt(i) ?? 0;
      }
    }
  },
};
const t0 = process.hrtime.bigint();
const summary = await readCaptureFile(file, handler, { convert: mode === 'converted' });
const ns = Number(process.hrtime.bigint() - t0);
process.stdout.write(
  JSON.stringify({
    events: summary.events,
    // Events read from the file (in converted mode some are merged into others and not delivered).
    inputEvents: summary.events + summary.droppedEvents,
    seconds: ns / 1e9,
    eventsPerSecond: (summary.events + summary.droppedEvents) / (ns / 1e9),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    diagnostics: summary.diagnostics.length,
    sink: sink % 1000,
  }) + '\n',
);
