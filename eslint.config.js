import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Layer rules (../shared/architecture.md): ui -> anything; canvas -> core + konva;
 * storage -> core + dexie; media -> core + ffmpeg/hashing; vision -> core (pixel maths on
 * decoded frames, run in workers); core -> nothing of the app.
 */
const layer = (folder, forbidden, packages = []) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((other) => ({
            group: [`**/${other}/*`, `../${other}`, `../../${other}`],
            message: `src/${folder} may not import from src/${other} (see src/${folder}/CONTEXT.md).`,
          })),
          ...packages.map((name) => ({
            group: [name, `${name}/*`],
            message: `src/${folder} may not use ${name} (see src/${folder}/CONTEXT.md).`,
          })),
        ],
      },
    ],
  },
});

export default ts.config(
  {
    ignores: [
      '**/*.tmp.mjs',
      'tests/fixtures/',
      'public/sample/',
      'dist/',
      'dist-*/',
      'release/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      'src/core/schemas/generated/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  layer(
    'core',
    ['media', 'storage', 'canvas', 'ui', 'vision'],
    ['svelte', 'dexie', 'konva', '@ffmpeg/ffmpeg', '@ffmpeg/core', '@ffmpeg/util'],
  ),
  layer('media', ['storage', 'canvas', 'ui'], ['svelte', 'dexie', 'konva']),
  layer('storage', ['media', 'canvas', 'ui'], ['svelte', 'konva', '@ffmpeg/ffmpeg']),
  layer('canvas', ['media', 'storage', 'ui'], ['svelte', 'dexie', '@ffmpeg/ffmpeg']),
  layer(
    'vision',
    ['media', 'storage', 'canvas', 'ui'],
    ['svelte', 'dexie', 'konva', '@ffmpeg/ffmpeg', '@ffmpeg/core', '@ffmpeg/util'],
  ),
);
