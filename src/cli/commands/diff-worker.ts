// A child process of `diff`, `baseline save` and `test` (`--jobs N`): replays its share of the captures through
// every side in one pass, with its own state, and sends the alerts back.
import { SideLoadError } from '../../engine/index.js';
import { serveJob } from '../worker-pool.js';
import { loadErrorMessage, runJob, type WorkerJob } from './diff-evaluate.js';

serveJob<WorkerJob, Awaited<ReturnType<typeof runJob>>>(async (job) => {
  try {
    return await runJob(job, false);
  } catch (e) {
    throw e instanceof SideLoadError ? new Error(loadErrorMessage(e)) : e;
  }
});
