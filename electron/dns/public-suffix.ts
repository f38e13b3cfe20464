// A module of its own, loaded on demand: importing tldts itself on demand yields its CommonJS
// build's exports under `default` in the CLI bundle.
export { getDomain } from 'tldts';
