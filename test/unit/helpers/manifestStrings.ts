// Which strings of package.json a person reads (and a translator translates): the display name and
// description, the Restricted Mode note, command titles and categories, view and container names,
// the empty view's text, settings' titles and descriptions, and the walkthrough. Ids, when clauses,
// keys, paths, enum values and defaults are not text and stay as they are.

export interface ManifestString {
  /** Where it is, e.g. `contributes.commands[3].title`. */
  readonly path: string;
  readonly value: unknown;
}

const SCHEMA_TEXT = ['title', 'description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage'];
const SCHEMA_TEXT_LISTS = ['enumDescriptions', 'markdownEnumDescriptions'];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A setting's schema and the schemas inside it (an object's properties, a map's values, a list's items). */
function schemaStrings(path: string, schema: Json, out: ManifestString[]): void {
  for (const f of SCHEMA_TEXT) if (f in schema) out.push({ path: `${path}.${f}`, value: schema[f] });
  for (const f of SCHEMA_TEXT_LISTS) list(schema[f]).forEach((value, i) => out.push({ path: `${path}.${f}[${i}]`, value }));
  for (const [name, sub] of Object.entries(obj(schema.properties))) schemaStrings(`${path}.properties.${name}`, obj(sub), out);
  for (const f of ['additionalProperties', 'items']) if (schema[f] && typeof schema[f] === 'object') schemaStrings(`${path}.${f}`, obj(schema[f]), out);
}

/** Every user-facing string of the manifest, with where it is. */
export function userFacingStrings(manifest: Json): ManifestString[] {
  const out: ManifestString[] = [];
  const at = (path: string, value: unknown): void => {
    if (value !== undefined) out.push({ path, value });
  };
  at('displayName', manifest.displayName);
  at('description', manifest.description);
  const trust = obj(obj(manifest.capabilities).untrustedWorkspaces);
  at('capabilities.untrustedWorkspaces.description', trust.description);
  at('capabilities.virtualWorkspaces.description', obj(obj(manifest.capabilities).virtualWorkspaces).description);
  const c = obj(manifest.contributes);
  list(c.commands).forEach((cmd, i) => ['title', 'shortTitle', 'category'].forEach((f) => at(`contributes.commands[${i}].${f}`, obj(cmd)[f])));
  for (const [where, items] of Object.entries(obj(c.viewsContainers))) list(items).forEach((v, i) => at(`contributes.viewsContainers.${where}[${i}].title`, obj(v).title));
  for (const [where, items] of Object.entries(obj(c.views))) list(items).forEach((v, i) => ['name', 'contextualTitle'].forEach((f) => at(`contributes.views.${where}[${i}].${f}`, obj(v)[f])));
  list(c.viewsWelcome).forEach((w, i) => at(`contributes.viewsWelcome[${i}].contents`, obj(w).contents));
  list(c.submenus).forEach((s, i) => at(`contributes.submenus[${i}].label`, obj(s).label));
  list(c.configuration).forEach((section, i) => {
    at(`contributes.configuration[${i}].title`, obj(section).title);
    for (const [id, schema] of Object.entries(obj(obj(section).properties))) schemaStrings(`contributes.configuration[${i}].properties.${id}`, obj(schema), out);
  });
  list(c.walkthroughs).forEach((w, i) => {
    at(`contributes.walkthroughs[${i}].title`, obj(w).title);
    at(`contributes.walkthroughs[${i}].description`, obj(w).description);
    list(obj(w).steps).forEach((step, j) => {
      const p = `contributes.walkthroughs[${i}].steps[${j}]`;
      at(`${p}.title`, obj(step).title);
      at(`${p}.description`, obj(step).description);
      at(`${p}.media.altText`, obj(obj(step).media).altText);
    });
  });
  return out;
}
