// A child process of `diff`, `baseline save` and `test` (`--jobs N`): replays its share of the captures through
// every side in one pass, with its own state, and sends the alerts back.
// First, as in the CLI's entry: the same V8 settings in every job process (flags set at run time do not reach a child).
import '../tiering.js';
import { boundHeapGrowth } from '../heap.js';
import { SideLoadError } from '../../engine/index.js';
import { serveJob } from '../worker-pool.js';
import { loadErrorMessage, runJob, type WorkerJob } from './diff-evaluate.js';

boundHeapGrowth();
serveJob<WorkerJob, Awaited<ReturnType<typeof runJob>>>(async (job) => {
  try {
    return await runJob(job, false);
  } catch (e) {
    throw e instanceof SideLoadError ? new Error(loadErrorMessage(e)) : e;
  }
});
