// The sysdig oracle for the writer: sysdig 0.29.3 reads what we write exactly as we do.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { stripFdState, sysdig } from '../helpers/sysdig.js';
import { storyCapture } from '../helpers/writer-story.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-writer-'));

describe('sysdig 0.29.3 reads what we write exactly as we do', () => {
  for (const gzip of [false, true]) {
    it(`same events, arguments, process names, users and fd names from the fd list (${gzip ? 'gzip' : 'plain'})`, async () => {
      const file = join(tmp, gzip ? 'story.scap.gz' : 'story.scap');
      const data = storyCapture();
      writeFileSync(file, gzip ? gzipSync(data) : data);
      const fmt = '*%evt.num %evt.rawtime %evt.cpu %proc.name %thread.tid %user.name %evt.type %evt.dir %evt.args';
      const expected = sysdig(['-r', file, '-p', fmt]);
      const r = await cli(['events', '--schema', 'sysdig-0.29.3', '-p', fmt.replace(' %user.name', ''), file]);
      const ours = r.stdout.replace(/\n$/, '').split('\n');
      const dropUser = (l: string): string => l.replace(/^(\S+ \S+ \S+ \S+ \S+) \S+/, '$1');
      expect(ours.map(stripFdState)).toEqual(expected.map(dropUser).map(stripFdState));
      // The users block is read: the web server runs as www-data, its child as well.
      expect(expected.filter((l) => l.includes(' nginx ')).every((l) => l.split(' ')[5] === 'www-data')).toBe(true);
      // fd names come from the FDL block and the open events.
      const names = sysdig(['-r', file, '-p', '%evt.num %fd.name', 'evt.type in (read, write, close) and evt.dir=>']);
      expect(names.map((l) => l.split(' ')[1])).toEqual(['203.0.113.50:40000->10.0.0.2:80', '/var/log/nginx/access.log', '/var/www/etc/passwd', '/var/www/etc/passwd']);
    });
  }
});
