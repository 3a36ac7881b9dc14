// The part of a thread record a forked child shares with its parent, copy-on-write (ThreadInfo.inherited).

export const UNSET_ID = 0xffffffff;

/**
 * The empty string list every new thread starts with (args, env, cgroups): one shared array instead of three
 * per record. Thread records never change a list in place (they replace it), so sharing is safe.
 */
export const NO_STRINGS: readonly string[] = [];

/**
 * Fields a forked child takes from its parent unchanged (exe identity, session, capabilities; FORK_KEYS), and
 * those it usually holds the same values of (comm, exe, args, cgroups, container, uid, gid, fd limit): a child
 * shares the parent's record while all of them are equal, and a write to either side copies it first
 * (copy-on-write), so neither sees the other's. The thread record is then 64 bytes smaller.
 */
export class ProcessInherited {
  comm: string = '';
  exe: string = '';
  args: readonly string[] = NO_STRINGS;
  cgroups: readonly string[] = NO_STRINGS;
  containerId: string = '';
  /** u32, held as int32 (`| 0`; ThreadInfo reads it back unsigned). */
  uid: number = -1;
  gid: number = -1;
  fdlimit: number = -1;
  exepath: string = '';
  exeWritable: boolean = false;
  root: string = '';
  sid: number = -1;
  vpgid: number = -1;
  pgid: number = -1;
  tty: number = 0;
  loginuid: number = UNSET_ID;
  capInheritable: bigint = 0n;
  capPermitted: bigint = 0n;
  capEffective: bigint = 0n;
}

export type InheritedKey = keyof ProcessInherited;
export const INHERITED_DEFAULTS = new ProcessInherited();
export const INHERITED_KEYS = Object.keys(INHERITED_DEFAULTS) as InheritedKey[];
/** The inherited fields of every fake record (one shared copy; see makeFake). */
export const FAKE_INHERITED = Object.assign(new ProcessInherited(), { comm: '<NA>', exe: '<NA>', uid: UNSET_ID | 0, gid: UNSET_ID | 0, loginuid: UNSET_ID });
/** The fields a fork copies from the parent verbatim (libsinsp's clone parser). */
export const FORK_KEYS: readonly InheritedKey[] = ['exepath', 'exeWritable', 'root', 'sid', 'vpgid', 'pgid', 'tty', 'loginuid', 'capInheritable', 'capPermitted', 'capEffective'];
