// What a task from an earlier session becomes: queued tasks are queued again as they were; a task
// that was running comes back interrupted (see interruptedTask), ended at its last save.
import { interruptedTask } from '../domain/interruptedTask';
import type { Task } from '../domain/taskModel';
import { fromStoredTask, type StoredTask } from './storedTask';
import type { PhraseWords } from '../domain/phrase';

/** Engine tasks for stored records: running ones become interrupted, ended at their last save. */
export function recoverStoredTasks(stored: readonly StoredTask[], words?: PhraseWords): Task[] {
  return stored.map((record) => {
    const task = fromStoredTask(record, words);
    return task.status === 'running' ? interruptedTask(task, record.savedAt) : task;
  });
}
