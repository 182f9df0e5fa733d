// The one scheduler for background work in the server process. Each job runs on its interval
// (and at once when kicked), never overlapping itself; jobs are written to be safe with several
// instances on one database (row locks that skip locked rows) and to catch up after downtime
// (they act on what is due, not on what was scheduled in memory).
import "server-only";

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

interface Running {
  job: Job;
  timer: NodeJS.Timeout | undefined;
  busy: Promise<void> | null;
  again: boolean;
}

interface Scheduler {
  running: Map<string, Running>;
  stopped: boolean;
}

const holder = globalThis as { __arbiterScheduler?: Scheduler };

function tick(scheduler: Scheduler, r: Running): Promise<void> {
  if (r.busy) {
    r.again = true;
    return r.busy;
  }
  clearTimeout(r.timer);
  r.busy = (async () => {
    do {
      r.again = false;
      try {
        await r.job.run();
      } catch (error) {
        console.error(`[arbiter] job ${r.job.name} failed; it runs again on its next turn`, error);
      }
    } while (r.again && !scheduler.stopped);
  })().finally(() => {
    r.busy = null;
    if (!scheduler.stopped) r.timer = setTimeout(() => void tick(scheduler, r), r.job.everyMs);
  });
  return r.busy;
}

/** Starts the jobs (once per process; a second call adds only jobs not yet running). */
export function startJobs(jobs: Job[]): void {
  holder.__arbiterScheduler ??= { running: new Map(), stopped: false };
  const scheduler = holder.__arbiterScheduler;
  scheduler.stopped = false;
  for (const job of jobs) {
    if (scheduler.running.has(job.name)) continue;
    const r: Running = { job, timer: undefined, busy: null, again: false };
    scheduler.running.set(job.name, r);
    r.timer = setTimeout(() => void tick(scheduler, r), 0);
  }
}

/** Runs a job now (soon after a change it should act on), if the scheduler runs it. */
export function kickJob(name: string): void {
  const scheduler = holder.__arbiterScheduler;
  const r = scheduler?.running.get(name);
  if (scheduler && r && !scheduler.stopped) void tick(scheduler, r);
}

/** Stops every job and waits for runs in progress (shutdown, tests). */
export async function stopJobs(): Promise<void> {
  const scheduler = holder.__arbiterScheduler;
  if (!scheduler) return;
  scheduler.stopped = true;
  for (const r of scheduler.running.values()) clearTimeout(r.timer);
  await Promise.all([...scheduler.running.values()].map((r) => r.busy));
  scheduler.running.clear();
}
