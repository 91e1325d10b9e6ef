/**
 * Globals Node 20 has that @types/node 20 does not declare (lib.dom.d.ts does, and db/ compiles
 * without the DOM library: tsconfig.db.json). Only what the core uses: compiling resvg's
 * WebAssembly module once per process (db/transfer/xlsx/rasterise.ts).
 */
declare namespace WebAssembly {
  interface Module {}
  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
}
