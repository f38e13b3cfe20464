// Features stand alone: code in one feature's folder reaches another feature only through the
// core's events and the shared/ modules, never by importing that feature's files. The folders
// that are not features (the shell, the front doors, the store, the UI's common parts) are named
// here; every other folder under electron/ or renderer/src/ is a feature.
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Per tree: the folders that are not features, and what a feature may import from them. */
const trees = {
  electron: {
    notFeatures: ['cli', 'core', 'files', 'nsupdate', 'serve', 'shell', 'store', 'x509', 'xmpp'],
    /** Importable by every feature: the common file helpers, the store, the feature registry's context and definitions, the CLI's kit and the ACME output several features' commands print, the certificate file reader, the RFC 2136 nsupdate client and the XMPP stream probe. */
    open: [
      'files/',
      'store/',
      'core/context.ts',
      'core/feature.ts',
      'core/version.ts',
      'cli/kit.ts',
      'cli/acme-output.ts',
      'nsupdate/',
      'x509/',
      'xmpp/',
    ],
  },
  'renderer/src': {
    notFeatures: ['components', 'i18n', 'pages', 'panes'],
    open: ['components/', 'i18n/'],
  },
};

const posix = (path) => path.split(sep).join('/');

/** The tree and feature a repository path lies in, or null outside every feature folder. */
function locate(path) {
  for (const [tree, { notFeatures }] of Object.entries(trees)) {
    if (!path.startsWith(`${tree}/`)) continue;
    const rest = path.slice(tree.length + 1);
    const slash = rest.indexOf('/');
    if (slash < 0) return { tree, feature: null, rest };
    const folder = rest.slice(0, slash);
    return { tree, feature: notFeatures.includes(folder) ? null : folder, rest };
  }
  return null;
}

const withoutExtension = (path) => path.replace(/\.(ts|tsx|js|mjs)$/, '');

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Forbid importing another feature's files except through the core's events and shared/." },
    schema: [],
    messages: {
      crossing:
        "{{from}} is in the {{feature}} feature and may not import {{target}} of the {{other}} feature: share it through shared/ or the core's events.",
      opening: '{{from}} is in the {{feature}} feature and may import only {{open}} outside its folder in {{tree}}/, not {{target}}.',
    },
  },
  create(context) {
    const file = posix(relative(root, context.filename));
    const from = locate(file);
    if (!from?.feature) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = posix(relative(root, resolve(dirname(context.filename), specifier)));
      const to = locate(target + (/\.[a-z]+$/.test(target) ? '' : '.ts'));
      if (!to || to.tree !== from.tree || to.feature === from.feature) return;
      const { open } = trees[from.tree];
      if (to.feature === null) {
        const rest = withoutExtension(to.rest);
        if (open.some((allowed) => (allowed.endsWith('/') ? rest.startsWith(allowed) : rest === withoutExtension(allowed)))) return;
        if (!rest.includes('/')) return; // a module at the tree's top (paths, rpc, AppContext, theme …)
        context.report({
          node,
          messageId: 'opening',
          data: { from: file, feature: from.feature, open: open.join(', '), tree: from.tree, target },
        });
        return;
      }
      context.report({ node, messageId: 'crossing', data: { from: file, feature: from.feature, target, other: to.feature } });
    };
    const source = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === 'Literal') check(node, literal.value);
      },
    };
  },
};

export default { rules: { 'feature-boundaries': rule } };
