// TZ as sysdig applies it: the offset in force now, computed once; POSIX TZ strings with minutes and DST
// rules are honoured (Intl cannot read them), IANA names use the platform's rules.
import { describe, expect, it } from 'vitest';
import { posixZoneSeconds, zoneSecondsFor } from '../../src/cli/time-zone.js';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';

const JAN = Date.UTC(2026, 0, 15, 12);
const JUL = Date.UTC(2026, 6, 15, 12);

describe('POSIX TZ strings', () => {
  it.each([
    ['IST-5:30', JAN, 19800],
    ['<+0545>-5:45', JAN, 20700],
    ['EST5', JUL, -18000],
    ['CET-1CEST,M3.5.0,M10.5.0/3', JAN, 3600],
    ['CET-1CEST,M3.5.0,M10.5.0/3', JUL, 7200],
    ['EST5EDT', JUL, -14400],
    ['EST5EDT,M3.2.0,M11.1.0', JAN, -18000],
    ['AEST-10AEDT,M10.1.0,M4.1.0/3', JAN, 39600], // southern hemisphere: DST spans the new year
    ['AEST-10AEDT,M10.1.0,M4.1.0/3', JUL, 36000],
  ])('%s at %s is %s seconds east', (tz, now, want) => {
    expect(posixZoneSeconds(tz, now)).toBe(want);
    expect(zoneSecondsFor({ TZ: tz }, now)).toBe(want);
  });

  it('switches exactly at the transition (CET: last Sunday of March, 01:00 UTC)', () => {
    const t = Date.UTC(2026, 2, 29, 1);
    expect(posixZoneSeconds('CET-1CEST,M3.5.0,M10.5.0/3', t - 1000)).toBe(3600);
    expect(posixZoneSeconds('CET-1CEST,M3.5.0,M10.5.0/3', t)).toBe(7200);
  });

  it('IANA names still use the platform rules; unknown names are UTC as in the C library', () => {
    expect(zoneSecondsFor({ TZ: 'Asia/Kolkata' }, JAN)).toBe(19800);
    expect(zoneSecondsFor({ TZ: 'Europe/Paris' }, JUL)).toBe(7200);
    expect(zoneSecondsFor({ TZ: 'Nowhere/Special' }, JAN)).toBe(0);
  });

  it('events prints local times with TZ=IST-5:30 as sysdig does (21:47:57 for 16:17:57 UTC)', async () => {
    const cap = sharedPath('captures', 'cat_write.scap');
    const utc = await cli(['events', '--raw', '-p', '%evt.time', cap], { TZ: 'UTC' });
    const ist = await cli(['events', '--raw', '-p', '%evt.time', cap], { TZ: 'IST-5:30' });
    expect(utc.stdout.split('\n')[0]).toBe('16:17:57.881730713');
    expect(ist.stdout.split('\n')[0]).toBe('21:47:57.881730713');
  });
});
