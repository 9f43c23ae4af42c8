// The one-pass name finders live with the leak scanner, which ships them to find server names in
// app builds; the bundle audit and the docs build use the same code from here.
export * from '../../packages/leak-scanner/src/find-names.js';
