// Which task is which request of which provider batch. Kept on the tasks (Task.external) and
// rebuilt from them at startup, so the job records on disk never repeat 10,000 task ids; in
// memory, lookups by custom_id (for results) and by part (for status lines, submission) are O(1).
import type { Task } from '../domain/taskModel';

export interface JobTasks {
  readonly byCustomId: Map<string, string>;
  /** Task ids per part, in submission order (the order of the lines sent). */
  readonly byPart: string[][];
}

export class JobIndex {
  private readonly jobs = new Map<string, JobTasks>();

  /** Rebuilds the index from every task that runs in a provider batch. */
  rebuild(tasks: readonly Task[]): void {
    this.jobs.clear();
    for (const task of tasks) if (task.external) this.add(task.external.jobId, task.external.part, task.external.customId, task.id);
  }

  add(jobId: string, part: number, customId: string, taskId: string): void {
    let job = this.jobs.get(jobId);
    if (!job) this.jobs.set(jobId, (job = { byCustomId: new Map(), byPart: [] }));
    job.byCustomId.set(customId, taskId);
    while (job.byPart.length <= part) job.byPart.push([]);
    job.byPart[part]!.push(taskId);
  }

  tasksOf(jobId: string): JobTasks | undefined {
    return this.jobs.get(jobId);
  }

  partTasks(jobId: string, part: number): readonly string[] {
    return this.jobs.get(jobId)?.byPart[part] ?? [];
  }

  allTasks(jobId: string): string[] {
    return (this.jobs.get(jobId)?.byPart ?? []).flat();
  }

  jobIds(): string[] {
    return [...this.jobs.keys()];
  }

  forget(jobId: string): void {
    this.jobs.delete(jobId);
  }
}
