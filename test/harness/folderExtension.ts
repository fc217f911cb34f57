// Installs an unpacked extension folder into a code-server extensions dir without a .vsix:
// copies it to <extensionsDir>/<publisher.name-version> and lists it in extensions.json, the
// profile file VS Code reads to know which user extensions exist (a folder not listed there is
// ignored). For small test fixtures only; the product itself is installed from its .vsix.
import * as fs from 'fs';
import * as path from 'path';

interface Manifest {
  readonly name: string;
  readonly publisher: string;
  readonly version: string;
}

interface ProfileEntry {
  readonly identifier: { readonly id: string };
  readonly version: string;
  readonly location: { readonly $mid: 1; readonly path: string; readonly scheme: 'file' };
  readonly relativeLocation: string;
  readonly metadata: Record<string, unknown>;
}

/** Returns the extension id (publisher.name). */
export function installFolderExtension(extensionsDir: string, folder: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest;
  const id = `${manifest.publisher}.${manifest.name}`;
  const relativeLocation = `${id}-${manifest.version}`;
  const target = path.join(extensionsDir, relativeLocation);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(folder, target, { recursive: true });

  const profileFile = path.join(extensionsDir, 'extensions.json');
  const entries: ProfileEntry[] = fs.existsSync(profileFile) ? (JSON.parse(fs.readFileSync(profileFile, 'utf8')) as ProfileEntry[]) : [];
  const entry: ProfileEntry = {
    identifier: { id },
    version: manifest.version,
    location: { $mid: 1, path: target, scheme: 'file' },
    relativeLocation,
    metadata: { isApplicationScoped: false, isMachineScoped: false, isBuiltin: false, installedTimestamp: Date.now(), pinned: true, source: 'vsix' },
  };
  fs.writeFileSync(profileFile, JSON.stringify([...entries.filter((e) => e.identifier.id !== id), entry]));
  return id;
}
