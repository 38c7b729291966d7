// comlink ships its Node adapter's types beside an .mjs file that TypeScript does not pair them with.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  import type { NodeEndpoint } from 'comlink/dist/esm/node-adapter';
  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
