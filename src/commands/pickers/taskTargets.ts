// Which tasks a command acts on. From a tree row's menu: the row, or every selected row. From a
// keybinding (package.json passes `{ "from": "treeSelection" }` or `{ "from": "panel" }`, since VS
// Code gives a keybinding no row): the tree's selection, or the output panel's task. From the
// palette: one task picked in a list of those the command applies to.
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Task } from '../../core/domain/taskModel';
import type { TaskStatus } from '../../shared/taskVocabulary';
import { resolveTask } from './taskPicker';
import { taskIdsFromArgs } from './taskSelection';

export interface TaskTargets {
  /** The ids of the task rows selected in the tree. */
  selectedTaskIds(): readonly string[];
  /** The task the output panel shows. */
  panelTaskId(): string | undefined;
}

/** A keybinding's argument, naming where its tasks come from. */
export function keyboardTargetIds(arg: unknown, targets: TaskTargets): readonly string[] | undefined {
  if (!arg || typeof arg !== 'object' || !('from' in arg)) return undefined;
  if (arg.from === 'treeSelection') return targets.selectedTaskIds();
  if (arg.from === 'panel') {
    const id = targets.panelTaskId();
    return id === undefined ? [] : [id];
  }
  return undefined;
}

/**
 * The tasks in `statuses` a command should act on: the keyboard's target, the selected rows, or
 * (one task, or none given) the row or a pick from the palette.
 */
export async function tasksToActOn(engine: TaskEngine, targets: TaskTargets, args: { arg: unknown; selected?: unknown }, statuses: readonly TaskStatus[], placeHolder: string): Promise<Task[]> {
  const fits = (t: Task | undefined): t is Task => t !== undefined && statuses.includes(t.status);
  const fromKeyboard = keyboardTargetIds(args.arg, targets);
  if (fromKeyboard) return fromKeyboard.map((id) => engine.get(id)).filter(fits);
  const ids = taskIdsFromArgs(args.arg, args.selected);
  if (ids.length > 1) return ids.map((id) => engine.get(id)).filter(fits);
  const task = await resolveTask(engine, args.arg, statuses, placeHolder);
  return task ? [task] : [];
}
