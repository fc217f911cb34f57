// The README is where a person looks for what a command or a setting does: every command of the
// manifest is named (in bold, by its title) in "Using it", and every setting by its full id.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestSettings, readManifest, REPO_ROOT } from '../helpers/manifestSettings';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const manifest = readManifest();

/** The "## Using it" section, up to the next second-level heading. */
function usingIt(): string {
  const start = readme.indexOf('\n## Using it\n');
  assert.ok(start >= 0, 'the README has no "## Using it" section');
  const end = readme.indexOf('\n## ', start + 5);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README: every command and every setting is documented', () => {
  it('names every command by its title, in bold, in "Using it"', () => {
    const section = usingIt();
    const commands = manifest.contributes.commands as { command: string; title: string }[];
    const missing = commands.filter((c) => !section.includes(`**${c.title}`) && !section.includes(`**AI Tasks: ${c.title}`));
    assert.deepEqual(missing.map((c) => `${c.command} "${c.title}"`), []);
  });

  it('names every setting by its full id', () => {
    const missing = Object.keys(manifestSettings(manifest)).filter((id) => !readme.includes(`\`${id}\``));
    assert.deepEqual(missing, []);
  });
});
