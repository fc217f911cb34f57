// Builds every bundle: the extension (Node/CJS, vscode external), the webview (browser IIFE),
// and the test bundles. Type-checking is a separate `tsc --noEmit` step (see package.json).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');

/** Recursively lists files under `dir` whose names end with `suffix`. */
function findFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(full, suffix);
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

// The engine, the HTTP clients, persistence and the shared protocol must run in plain Node: the
// build refuses a `vscode` import from them (lint says the same, earlier and with more detail).
const PLAIN_NODE_LAYERS = /[\\/]src[\\/](core|providers|persistence|shared)[\\/]/;
const layerGuard = {
  name: 'layer-guard',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => {
      if (PLAIN_NODE_LAYERS.test(args.importer)) {
        return { errors: [{ text: `${path.relative(process.cwd(), args.importer)} imports 'vscode', but src/core, src/providers, src/persistence and src/shared must run in plain Node` }] };
      }
      return undefined;
    });
  },
};

const common = { plugins: [layerGuard], bundle: true, sourcemap: production ? false : 'linked', minify: production, logLevel: 'warning' };

// OpenAI's token encodings are megabytes of ranks that take about half a second to load: each is
// built into its own file under dist/tokenizers/, and the extension requires it on first use, so
// activation never parses them. In the extension bundle the import becomes require('./tokenizers/…').
const TOKENIZER_ENCODINGS = ['o200k_base'];
const tokenizerSplit = {
  name: 'tokenizer-split',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\// }, (args) => ({ path: `./tokenizers/${args.path.split('/').pop()}.js`, external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [layerGuard, tokenizerSplit],
  },
  ...TOKENIZER_ENCODINGS.map((encoding) => ({
    ...common,
    entryPoints: [require.resolve(`gpt-tokenizer/encoding/${encoding}`)],
    outfile: `dist/tokenizers/${encoding}.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: false,
  })),
  {
    ...common,
    entryPoints: ['webview-ui/main.ts'],
    outfile: 'dist/webview/main.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
  {
    ...common,
    entryPoints: ['webview-ui/results/resultsMain.ts'],
    outfile: 'dist/webview/results.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
];

if (withTests) {
  const testCommon = { plugins: [layerGuard], bundle: true, sourcemap: 'inline', platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };
  // Unit tests and fakes run in plain Node: npm packages stay external so the official SDKs
  // used by the contract tests are the real installed ones, not re-bundled copies.
  builds.push({
    ...testCommon,
    entryPoints: [...findFiles('test/unit', '.test.ts'), ...findFiles('test/contract', '.test.ts'), ...findFiles('bench', 'Bench.ts'), ...findFiles('test/fakes', 'Main.ts')],
    outdir: 'out',
    outbase: '.',
    packages: 'external',
  });
  // Integration tests run inside the VS Code extension host; e2e drives the workbench from Node.
  builds.push({
    ...testCommon,
    entryPoints: [...findFiles('test/integration', '.ts'), ...findFiles('test/e2e', '.ts')],
    outdir: 'out',
    outbase: '.',
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/l10n-dev'],
  });
}

async function main() {
  // A production build starts from an empty dist/ so no stale source map or bundle is packaged.
  if (production) fs.rmSync('dist', { recursive: true, force: true });
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  // Test bundles of moved or deleted test files must not linger in out/ and run again.
  if (withTests) for (const dir of ['out/test/unit', 'out/test/contract', 'out/test/integration', 'out/test/e2e', 'out/bench', 'out/test/fakes']) fs.rmSync(dir, { recursive: true, force: true });
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
