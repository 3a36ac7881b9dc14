// Every exit code falco-replay uses, in one table (documented in the README).
export const ExitCode = {
  /** The command did its job (alerts may have fired). */
  OK: 0,
  /** Rules invalid, capture unreadable, or any other failure (Falco's own code for these). */
  FAILURE: 1,
  /** Bad command-line usage. */
  USAGE: 2,
  /** Opt-in (`--fail-on-alert`): the run succeeded and at least one alert fired. */
  ALERTS: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What the damage policy looks at in a capture's read summary. */
export interface ReadDamage {
  readonly complete: boolean;
  /** Why reading stopped early: a reader that stopped on request ('handler', 'abort') is not damaged. */
  readonly stopped?: string | undefined;
  readonly badEvents: number;
  readonly diagnostics: readonly { readonly severity: string }[];
}

/**
 * The one damage policy of every command reading captures (exit code {@link ExitCode.FAILURE}): the capture was
 * not read to its end, a read error was reported (gzip, I/O), or malformed events were skipped. Everything
 * readable is still delivered first.
 */
export function captureDamaged(read: ReadDamage): boolean {
  const cut = !read.complete && read.stopped !== 'handler' && read.stopped !== 'abort';
  return cut || read.badEvents > 0 || read.diagnostics.some((d) => d.severity === 'error');
}
