// Layer boundaries (docs/architecture.md#layers-and-import-rules): common <- scap <- engine <- cli; src/native: scap types only.
// Each layer is reached only through its index.ts. Only cli prints or exits.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}/*`, `!**/${name}/index.js`];
const nodeIo = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process'];
const noPrinting = [
  { object: 'process', property: 'exit', message: 'Only src/cli exits; return a Diagnostic instead.' },
  { object: 'process', property: 'stdout', message: 'Only src/cli writes to the terminal.' },
  { object: 'process', property: 'stderr', message: 'Only src/cli writes to the terminal.' },
];

function boundaries(forbidden, deep, extraPaths = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: extraPaths.map((name) => ({ name, message: 'This layer does no file or process I/O.' })),
        patterns: [
          ...forbidden.map((name) => ({ group: [`**/${name}`, `**/${name}/**`], message: `This layer may not import ${name}.` })),
          ...deep.map((name) => ({ group: layer(name), message: `Import ${name} through its index.js only.` })),
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'native/build/**', 'coverage/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error', 'no-restricted-properties': ['error', ...noPrinting] },
  },
  { files: ['src/common/**'], rules: boundaries(['scap', 'engine', 'cli', 'native'], [], nodeIo) },
  { files: ['src/scap/**'], ignores: ['src/scap/file-source.ts'], rules: boundaries(['engine', 'cli', 'native'], ['common'], nodeIo) },
  { files: ['src/scap/file-source.ts'], rules: boundaries(['engine', 'cli', 'native'], ['common']) },
  { files: ['src/engine/**'], rules: boundaries(['cli', 'native'], ['common', 'scap'], nodeIo) },
  { files: ['src/native/**'], rules: boundaries(['engine', 'cli'], ['common', 'scap']) },
  { files: ['src/cli/**'], rules: boundaries([], ['common', 'scap', 'engine', 'native']) },
  {
    // Tests parse the CLI's JSON output (JSON.parse gives `any`) and check it with expect(), which is the type check
    // that matters there; their fakes of async interfaces (async generators of fixed chunks, stub evaluators) have
    // nothing to await. Source files get all of these rules.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Plain JavaScript (scripts, benches, recorder fixtures, this file) is outside tsconfig.json and carries no types,
  // so the type-aware rules have nothing to check there.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
);
