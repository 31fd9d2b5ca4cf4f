// ESLint flat config: the recommended rules of ESLint and typescript-eslint (not the type-checked ones, to stay fast).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', '.tmp/', 'models/', 'embeddings/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `const { omitted: _x, ...rest } = obj` is how a field is left out of a copy: the named sibling is unused by design.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // A `let` that a shutdown closure reads before it is first assigned cannot be a `const` (that read would throw).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The plain-JavaScript files run on Node (in TypeScript files tsc checks names, and no-undef is off).
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
