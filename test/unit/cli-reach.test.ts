import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/rpc/contract';

/**
 * Everything the app does is scriptable: each contract method is called by an `edgewiz` command,
 * or it is listed here with the reason it belongs to the UI alone.
 */
const uiOnly: Partial<Record<MethodName, string>> = {
  'app.status': 'the window title and the store-recovery banner; the CLI prints its version with --version and store problems on stderr',
  'app.paths': 'where the save dialog opens; the CLI takes every path on its command line',
  'settings.get': 'the UI language and theme; the CLI speaks English and has no theme',
  'settings.update': 'the UI language and theme; the CLI speaks English and has no theme',
  'wizard.steps':
    "the home page's step states; the CLI shows each step's own state (topology get, list, gateway status, partners list, dns verify)",
  'desktop.chooseSavePath': "the desktop app's system save dialog",
  'desktop.showItemInFolder': "the desktop app's file manager",
  'certificates.draft.get': "the request wizard's unsaved answers; the CLI reads a complete profile file",
  'certificates.draft.set': "the request wizard's unsaved answers; the CLI reads a complete profile file",
  'files.checkSavePath':
    'the UI asks before it replaces a file; the CLI names the file and the request and export calls refuse an existing one unless --force',
  'partners.commit': "the partner editor's add-or-replace of one partner; partners add does the same through partners.import",
};

const electronRoot = join(import.meta.dirname, '../../electron');
/** The CLI's own folder, and each feature's commands (electron/<feature>/cli.ts). */
const isCliSource = (file: string) => file.startsWith(join(electronRoot, 'cli')) || file.endsWith(`${sep}cli.ts`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Method names passed as arguments to a call in the source (so a name in a comment or a help text does not count). */
function methodsCalledIn(source: string, methods: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      for (const argument of node.arguments) {
        if ((ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) && methods.has(argument.text))
          found.add(argument.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('command.ts', source, ts.ScriptTarget.Latest, true));
  return found;
}

const methods = new Set<string>(Object.keys(contract.methods));

describe('every contract method is reachable from the CLI', () => {
  const called = new Set(
    sourceFiles(electronRoot)
      .filter(isCliSource)
      .flatMap((file) => [...methodsCalledIn(readFileSync(file, 'utf8'), methods)]),
  );

  it('each method is called by a command or listed as UI-only with a reason', () => {
    const unreachable = [...methods].filter((method) => !called.has(method) && !uiOnly[method as MethodName]);
    expect(unreachable, 'add a CLI command for these, or list them as UI-only with the reason').toEqual([]);
  });

  it('the UI-only list names real methods the CLI does not call, each with a reason', () => {
    for (const [method, reason] of Object.entries(uiOnly)) {
      expect(methods.has(method), `${method} is not a contract method`).toBe(true);
      expect(called.has(method), `${method} is called by the CLI: take it off the UI-only list`).toBe(false);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it('the commands added for the UI-only gaps are there: gateway logs, certificates show', () => {
    expect(called).toContain('gateway.logs');
    expect(called).toContain('certificates.view');
    expect(called).toContain('gateway.reload');
    expect(called).toContain('dns.settings.set');
  });

  it('counts a name only where it is passed to a call', () => {
    const names = new Set(['x.one', 'x.two', 'x.three']);
    const found = methodsCalledIn(
      `// call(core, 'x.one')\nconst help = 'x.two';\nawait call(core, 'x.three', {});\noperation(\`x.two\`, 'help');`,
      names,
    );
    expect([...found].sort()).toEqual(['x.three', 'x.two']);
  });
});
