import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Ownership rules (tests/unit/boundaries.test.ts checks that they bite):
// - only src/ipc.ts talks to Tauri;
// - only src/phone/device.ts (the Phone, the one owner of the SDK `Device`) and sdk.ts (the
//   narrow surface, checked against the real types) import the Voice SDK;
// - views see the Phone, never SDK objects: not the surface in phone/sdk.ts, not the current
//   call's owner in phone/callControl.ts.
const voiceSdk = { name: '@twilio/voice-sdk', message: 'Only src/phone/device.ts and sdk.ts use the Voice SDK.' };
const sdkObjects = {
  group: ['**/phone/sdk', '**/phone/callControl'],
  message: 'Views see the Phone (src/phone/device.ts), never SDK objects.',
};

export default tseslint.config(
  { ignores: ['dist/', 'dist-e2e/', 'dist-sim/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='@tauri-apps/api/core']",
          message: 'Only src/ipc.ts talks to Tauri; use the Backend interface.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { paths: [voiceSdk] }],
    },
  },
  {
    files: ['src/views/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [voiceSdk], patterns: [sdkObjects] }] },
  },
  {
    files: ['src/ipc.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/phone/device.ts', 'src/phone/sdk.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**', '*.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
