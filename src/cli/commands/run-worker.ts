// A child process of `run --jobs N`: replays its group of captures, each alone with its own state, streams the
// alerts (with their merge keys) back and replies with the summaries.
import { serveJob } from '../worker-pool.js';
import { replayCaptures, type CaptureRun, type KeyedAlerts, type RunJob } from './run-jobs.js';

serveJob<RunJob, CaptureRun, KeyedAlerts>((job, send) => replayCaptures(job, send));
