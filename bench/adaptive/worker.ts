/** Worker thread: runs the jobs it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './jobs.js';

parentPort?.on('message', (message: { id: number; job: Job }) => {
  try {
    parentPort?.postMessage({ id: message.id, result: runJob(message.job) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
