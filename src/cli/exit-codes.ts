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
