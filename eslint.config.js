// Strict, type-aware lint: the rules that catch real bugs in async server code and exhaustive domain switches.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The outer layers reach a core module through its one public `core/<module>/index.ts`, never a file behind it (nor
// a nested module's own index: `core/dtr/cql` is reached through `core/dtr/index.ts`).
const outerLayers = ['src/app', 'src/adapters', 'src/demo', 'src/sim', 'src/testing', 'bench', 'fixtures'].map(
  (layer) => `${layer}/**/*.ts`,
);
const coreThroughIndex = {
  group: ['**/core/*/*', '!**/core/*/index.ts'],
  message: "import a core module through its public index: 'core/<module>/index.ts'",
};

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'data/**', '.klivira/**', '.scratch/**', 'coverage/**', 'bin/**', 'eslint.config.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  // The web app is browser code (DOM types, JSX): its own tsconfig, outside the Node project.
  {
    files: ['src/adapters/web/app/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.app.json', tsconfigRootDir: import.meta.dirname },
    },
    // Event handlers are written `onClick={() => setX(y)}`: the shorthand's void result is never read.
    rules: { '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }] },
  },
  // The layers: the domain core does no I/O and knows nothing of the application or its adapters; routes speak to
  // the application's ports, never to the database adapter and its errors. Tests may reach across (they assemble).
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/adapters/**', '**/testing/**', '**/demo/**', '**/sim/**'],
              message: 'the core is imported by the outer layers, never the other way round',
            },
            {
              group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process'],
              message: 'the core does no I/O: read and write in an adapter',
            },
            {
              group: ['pg', 'kysely', '@electric-sql/*', 'fastify'],
              message: 'the core does no I/O: read and write in an adapter',
            },
          ],
        },
      ],
    },
  },
  // Each later block for an outer layer repeats `coreThroughIndex`: a later `no-restricted-imports` replaces this one.
  {
    files: outerLayers,
    rules: { 'no-restricted-imports': ['error', { patterns: [coreThroughIndex] }] },
  },
  {
    files: ['src/app/**/*.ts'],
    ignores: ['src/app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**'], message: 'the application defines ports; adapters implement them' },
            coreThroughIndex,
          ],
        },
      ],
    },
  },
  {
    files: ['src/adapters/http/**/*.ts'],
    ignores: ['src/adapters/http/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', 'pg', 'kysely', '@electric-sql/*'],
              message: 'routes use the application ports; storage errors are mapped there',
            },
            coreThroughIndex,
          ],
        },
      ],
    },
  },
);
