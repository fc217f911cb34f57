// Task ids from a command's arguments: a tree command gets the clicked node and, with several rows
// selected, all selected nodes; the palette passes nothing; tests and the API pass ids.
import { taskIdFromArg } from './taskPicker';

export function taskIdsFromArgs(arg: unknown, selected: unknown): string[] {
  const many = Array.isArray(selected) ? selected : Array.isArray(arg) ? arg : undefined;
  const ids = (many ?? [arg]).map((a: unknown) => taskIdFromArg(a)).filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}
