// A child process of `run --jobs N`: replays its group of captures, each alone with its own state, streams the
// alerts (with their merge keys) back and replies with the summaries.
// First, as in the CLI's entry: the same V8 settings in every job process (flags set at run time do not reach a child).
import '../tiering.js';
import { boundHeapGrowth } from '../heap.js';
import { serveJob } from '../worker-pool.js';
import { replayCaptures, type CaptureRun, type KeyedAlerts, type RunJob } from './run-jobs.js';

boundHeapGrowth();
serveJob<RunJob, CaptureRun, KeyedAlerts>((job, send) => replayCaptures(job, send));
