// The ownership rules in eslint.config.js bite: ESLint, with the project's own configuration,
// refuses the imports that would let a second module own the Voice SDK `Device`, let a view
// touch SDK objects, or let anything but ipc.ts call Tauri, and allows the owners.

import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, test } from 'vitest';

// The ownership rules are syntactic, so the type-aware rules are switched off here: linting a
// snippet under the name of an existing file with type information let typescript-eslint pair
// the snippet's tree with the file's old program on a busy machine (rules fired on code that was
// not there, or none fired), which made this test flaky on CI.
const eslint = new ESLint({
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
  overrideConfig: tseslint.configs.disableTypeChecked,
});

/** The rules `code` breaks when it is the text of `file`. */
async function brokenRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const IMPORT_DEVICE = "import { Device } from '@twilio/voice-sdk';\nexport const D = Device;\n";
const IMPORT_INVOKE = "import { invoke } from '@tauri-apps/api/core';\nexport const I = invoke;\n";

// The limit only stops a hang.
describe('ownership rules', { timeout: 120_000 }, () => {
  test.each([
    'src/views/app.ts',
    'src/views/settings/panel.ts',
    'src/phone/callControl.ts',
    'src/phone/tokenKeeper.ts',
    'src/phone/recovery.ts',
    'src/main.ts',
  ])('only the Phone and the SDK surface import the Voice SDK: not %s', async (file) => {
    expect(await brokenRules(file, IMPORT_DEVICE)).toContain('no-restricted-imports');
  });

  test.each(['src/phone/device.ts', 'src/phone/sdk.ts'])('%s may import the Voice SDK', async (file) => {
    expect(await brokenRules(file, IMPORT_DEVICE)).not.toContain('no-restricted-imports');
  });

  test.each([
    ['src/views/app.ts', '../phone/sdk'],
    ['src/views/callView.ts', '../phone/callControl'],
    ['src/views/settings/panel.ts', '../../phone/sdk'],
  ])('views never see SDK objects: %s importing %s', async (file, module) => {
    const code = `import type * as sdk from '${module}';\nexport type S = typeof sdk;\n`;
    expect(await brokenRules(file, code)).toContain('no-restricted-imports');
  });

  test('views may import the Phone', async () => {
    const code = "import type { Phone } from '../phone/device';\nexport type P = Phone;\n";
    expect(await brokenRules('src/views/app.ts', code)).toEqual([]);
  });

  test('only ipc.ts calls Tauri', async () => {
    expect(await brokenRules('src/views/app.ts', IMPORT_INVOKE)).toContain('no-restricted-syntax');
    expect(await brokenRules('src/phone/device.ts', IMPORT_INVOKE)).toContain('no-restricted-syntax');
    expect(await brokenRules('src/ipc.ts', IMPORT_INVOKE)).not.toContain('no-restricted-syntax');
  });
});
