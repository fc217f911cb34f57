// Quality in statistics: the mean score (where checks were declared) and the ratings, by model, by
// prompt file, and by prompt file version and model, so a team sees whether an edit to a prompt
// made its results better on each model. Only completed tasks are counted.
import type { Task } from '../domain/taskModel';

export interface QualityRow {
  readonly providerId?: string;
  readonly model?: string;
  readonly promptFile?: string;
  readonly version?: string;
  /** Completed tasks in the group. */
  readonly tasks: number;
  /** Of those, the ones with checks (so a score). */
  readonly scored: number;
  /** Mean score of the scored ones, 0–1; undefined when none is scored. */
  readonly meanScore?: number;
  readonly up: number;
  readonly down: number;
  /** When the group's first task was created (versions are listed in the order they were first used). */
  readonly firstAt: number;
}

export interface QualityStatistics {
  readonly byModel: readonly QualityRow[];
  readonly byPromptFile: readonly QualityRow[];
  readonly byPromptVersion: readonly QualityRow[];
}

class Group {
  tasks = 0;
  scored = 0;
  scoreSum = 0;
  up = 0;
  down = 0;
  firstAt = Infinity;

  add(task: Task): void {
    this.tasks += 1;
    this.firstAt = Math.min(this.firstAt, task.createdAt);
    if (task.quality) {
      this.scored += 1;
      this.scoreSum += task.quality.score;
    }
    if (task.rating === 'up') this.up += 1;
    if (task.rating === 'down') this.down += 1;
  }

  row(keys: Pick<QualityRow, 'providerId' | 'model' | 'promptFile' | 'version'>): QualityRow {
    return { ...keys, tasks: this.tasks, scored: this.scored, ...(this.scored > 0 && { meanScore: this.scoreSum / this.scored }), up: this.up, down: this.down, firstAt: this.firstAt };
  }
}

export function computeQualityStatistics(tasks: readonly Task[]): QualityStatistics {
  const byModel = new Map<string, { keys: { providerId: string; model: string }; group: Group }>();
  const byFile = new Map<string, { keys: { promptFile: string }; group: Group }>();
  const byVersion = new Map<string, { keys: { promptFile: string; version: string; providerId: string; model: string }; group: Group }>();
  const into = <K>(map: Map<string, { keys: K; group: Group }>, id: string, keys: K, task: Task): void => {
    let entry = map.get(id);
    if (!entry) map.set(id, (entry = { keys, group: new Group() }));
    entry.group.add(task);
  };
  for (const task of tasks) {
    if (task.status !== 'completed') continue;
    // Only tasks that can say something about quality: scored by checks, or rated.
    if (!task.quality && !task.rating) continue;
    into(byModel, `${task.providerId}\u0000${task.model}`, { providerId: task.providerId, model: task.model }, task);
    const file = task.promptFile;
    if (!file) continue;
    into(byFile, file.path, { promptFile: file.path }, task);
    into(byVersion, `${file.path}\u0000${file.version}\u0000${task.providerId}\u0000${task.model}`, { promptFile: file.path, version: file.version, providerId: task.providerId, model: task.model }, task);
  }
  const rows = <K extends Pick<QualityRow, 'providerId' | 'model' | 'promptFile' | 'version'>>(map: Map<string, { keys: K; group: Group }>): QualityRow[] => [...map.values()].map((e) => e.group.row(e.keys));
  return {
    byModel: rows(byModel).sort((a, b) => (b.meanScore ?? -1) - (a.meanScore ?? -1) || b.tasks - a.tasks),
    byPromptFile: rows(byFile).sort((a, b) => a.promptFile!.localeCompare(b.promptFile!)),
    byPromptVersion: rows(byVersion).sort((a, b) => a.promptFile!.localeCompare(b.promptFile!) || a.firstAt - b.firstAt || a.model!.localeCompare(b.model!)),
  };
}
